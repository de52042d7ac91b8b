import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripInvisibleControls } from '../src/index.js';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

describe('stripInvisibleControls', () => {
  it('removes every bidi override, isolate and mark', () => {
    for (const c of BIDI) {
      assert.equal(stripInvisibleControls(`a${c}b${c}`), 'ab', `U+${c.codePointAt(0)?.toString(16)}`);
    }
    // The "Trojan Source" spoof: an RLO makes "txt.exe" display as "exe.txt".
    assert.equal(stripInvisibleControls('invoice\u202Etxt.exe'), 'invoicetxt.exe');
  });

  it('removes every zero-width character between letters', () => {
    for (const c of ZERO_WIDTH) {
      assert.equal(stripInvisibleControls(`pay${c}pal`), 'paypal', `U+${c.codePointAt(0)?.toString(16)}`);
    }
    assert.equal(stripInvisibleControls('\uFEFFhello'), 'hello');
  });

  it('keeps the zero-width joiner inside emoji sequences', () => {
    for (const emoji of ['👩‍💻', '🏳️‍🌈', '👨‍👩‍👧‍👦', '👩🏽‍🚀', '❤️‍🔥']) {
      assert.equal(stripInvisibleControls(emoji), emoji);
      assert.equal(stripInvisibleControls(`hi ${emoji}!`), `hi ${emoji}!`);
    }
  });

  it('removes a zero-width joiner that does not join two emoji', () => {
    assert.equal(stripInvisibleControls('😀\u200Da'), '😀a');
    assert.equal(stripInvisibleControls('a\u200D😀'), 'a😀');
    assert.equal(stripInvisibleControls('\u200D😀'), '😀');
    assert.equal(stripInvisibleControls('😀\u200D'), '😀');
    // Hidden behind another invisible character: both go.
    assert.equal(stripInvisibleControls('😀\u200B\u200D😀'), '😀😀');
    assert.equal(stripInvisibleControls('😀\u200D\u202E😀'), '😀😀');
  });

  it('leaves ordinary text in every script untouched and is idempotent', () => {
    const samples = ['hello, world', 'שלום עולם', 'مرحبا بالعالم', 'नमस्ते', 'こんにちは', 'line\nbreak\ttab', '🇫🇷 1️⃣'];
    for (const s of samples) assert.equal(stripInvisibleControls(s), s);
    const messy = 'a\u202E\u200D😀\u200Dz👩‍💻\u2066b\uFEFF';
    const once = stripInvisibleControls(messy);
    assert.equal(once, 'a😀z👩‍💻b');
    assert.equal(stripInvisibleControls(once), once);
  });
});

// The pure parts of the screener: the site's rules (categories, thresholds) and the verdict on a
// frame's scores. The model itself is tested in Chromium (test/browser/).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ClassScores, DEFAULT_CATEGORIES, DEFAULT_THRESHOLD, normalizeRules } from '../src/rules.js';
import { checkScores, judgeFrame } from '../src/verdict.js';

const scores = (overrides: Partial<Record<keyof ClassScores, number>>): ClassScores => ({
  Drawing: 0,
  Hentai: 0,
  Neutral: 1,
  Porn: 0,
  Sexy: 0,
  ...overrides,
});

const thresholds = (options: Parameters<typeof normalizeRules>[0]) => Object.fromEntries(normalizeRules(options).thresholds);

describe('normalizeRules', () => {
  it('defaults to Porn and Hentai at the default threshold (Sexy is opt-in)', () => {
    assert.deepEqual(DEFAULT_CATEGORIES, ['Porn', 'Hentai']);
    assert.deepEqual(thresholds({}), { Porn: DEFAULT_THRESHOLD, Hentai: DEFAULT_THRESHOLD });
    assert.deepEqual(thresholds(undefined), { Porn: DEFAULT_THRESHOLD, Hentai: DEFAULT_THRESHOLD });
  });

  it('applies one threshold to every category, or one per category with the default for the rest', () => {
    assert.deepEqual(thresholds({ threshold: 0.3, categories: ['Sexy'] }), { Sexy: 0.3 });
    assert.deepEqual(thresholds({ threshold: { Sexy: 0.9 }, categories: ['Porn', 'Sexy'] }), { Porn: DEFAULT_THRESHOLD, Sexy: 0.9 });
    assert.deepEqual(thresholds({ threshold: 1 }), { Porn: 1, Hentai: 1 });
  });

  it('refuses thresholds outside (0, 1]', () => {
    for (const threshold of [0, -0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => normalizeRules({ threshold }), RangeError, String(threshold));
      assert.throws(() => normalizeRules({ threshold: { Porn: threshold } }), RangeError, String(threshold));
    }
    assert.throws(() => normalizeRules({ threshold: '0.5' as unknown as number }), TypeError);
    assert.throws(() => normalizeRules({ threshold: [0.5] as unknown as number }), TypeError);
  });

  it('refuses unknown, repeated, empty or unscreened categories instead of screening for nothing', () => {
    assert.throws(() => normalizeRules({ categories: [] }), TypeError);
    assert.throws(() => normalizeRules({ categories: ['porn' as 'Porn'] }), /unknown category "porn"/);
    assert.throws(() => normalizeRules({ categories: ['Neutral' as 'Porn'] }), RangeError);
    assert.throws(() => normalizeRules({ categories: ['Porn', 'Porn'] }), /listed twice/);
    assert.throws(() => normalizeRules({ threshold: { Sexy: 0.5 } }), /Sexy is not in categories/);
    assert.throws(() => normalizeRules({ threshold: { Drawing: 0.5 } as never }), /unknown category "Drawing"/);
  });
});

describe('judgeFrame', () => {
  const rules = normalizeRules({ categories: ['Porn', 'Hentai', 'Sexy'], threshold: { Porn: 0.5, Hentai: 0.5, Sexy: 0.8 } });

  it('is safe when no screened category reaches its threshold', () => {
    const frame = scores({ Neutral: 0.3, Porn: 0.49, Sexy: 0.21 });
    assert.deepEqual(judgeFrame(frame, rules), { verdict: 'safe', scores: frame });
  });

  it('flags at the threshold, naming the category and its score', () => {
    const frame = scores({ Neutral: 0.5, Porn: 0.5 });
    assert.deepEqual(judgeFrame(frame, rules), { verdict: 'flagged', category: 'Porn', score: 0.5, scores: frame });
  });

  it('names the highest of the categories over their thresholds', () => {
    const frame = scores({ Neutral: 0, Porn: 0.1, Hentai: 0.05, Sexy: 0.85 });
    assert.deepEqual(judgeFrame(frame, rules), { verdict: 'flagged', category: 'Sexy', score: 0.85, scores: frame });
    const both = scores({ Neutral: 0, Porn: 0.55, Hentai: 0.6 });
    const verdict = judgeFrame(both, rules);
    assert.equal(verdict.verdict === 'flagged' ? verdict.category : verdict.verdict, 'Hentai');
  });

  it('ignores categories the site does not screen, however high', () => {
    const frame = scores({ Neutral: 0, Sexy: 0.99 });
    assert.equal(judgeFrame(frame, normalizeRules({})).verdict, 'safe');
    assert.equal(judgeFrame(scores({ Neutral: 0, Drawing: 1 }), rules).verdict, 'safe');
  });
});

describe('checkScores', () => {
  it('accepts a full set of probabilities', () => {
    const frame = scores({});
    assert.equal(checkScores(frame), frame);
  });

  it('refuses anything else, so a broken answer never reads as safe', () => {
    assert.throws(() => checkScores(null), TypeError);
    assert.throws(() => checkScores({ Porn: 0.1 }), /score of Drawing/);
    assert.throws(() => checkScores({ ...scores({}), Porn: Number.NaN }), /score of Porn/);
    assert.throws(() => checkScores({ ...scores({}), Sexy: 1.5 }), /score of Sexy/);
  });
});

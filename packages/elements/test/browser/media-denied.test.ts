// Run by the "media-denied" group: Chromium's (fake) permission prompt refuses the camera.
import '../../dist/index.js';
import { $, $1, assert, equal, makeChat, nextEvent, removeAll, uniqueInterest, waitForState } from './helpers.ts';

afterEach(removeAll);

describe('<novu-chat> with the camera permission denied', () => {
  it('explains it and offers text mode, which then works', async () => {
    const interest = uniqueInterest();
    const a = await makeChat({ interests: [interest] });
    const error = nextEvent(a, 'novu-error');
    await a.start();
    equal((await error).detail.code, 'media_denied', 'code');
    await a.updateComplete;
    equal(a.state, 'idle', 'idle');
    const notice = $(a, '[part~="notice"]');
    assert(notice && notice.textContent!.includes('blocked'), 'explained');
    const b = await makeChat({ interests: [interest], mode: 'text' });
    await b.start();
    const matched = nextEvent(a, 'novu-match');
    $1(a, '[part~="text-mode-button"]').click();
    equal((await matched).detail.mode, 'text', 'text chat');
    equal(a.mode, 'text', 'mode switched');
    await waitForState(b, 'matched');
  });
});

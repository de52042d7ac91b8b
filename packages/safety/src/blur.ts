/**
 * What a UI does with the stranger's video in each screening state, in one place, so every UI
 * built on the screener keeps the same promise. Pure (tested in Node).
 * @module
 */
import type { ScreeningState } from './screener.js';

/**
 * Whether the stranger's video must be blurred in `state`: always, except when the last frame was
 * classified `safe`, or when screening is `unavailable` and the site chose `fallback: 'off'`
 * (then the UI shows the video and says that screening is off). A viewer's own "Show anyway" is
 * the caller's to add on top.
 */
export function shouldBlur(state: ScreeningState): boolean {
  switch (state.state) {
    case 'safe':
      return false;
    case 'unavailable':
      return state.fallback !== 'off';
    default:
      return true;
  }
}

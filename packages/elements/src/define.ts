/**
 * Registers `<novu-chat>`: importing this module defines the tag (once; a second copy of the
 * package on the page keeps the first definition). `index.ts` and so the CDN file import it; the
 * class module (`novu-chat.js`) alone has no side effect, for sites that define it themselves.
 * @packageDocumentation
 */
import { NovuChat } from './novu-chat.js';

if (globalThis.customElements && !customElements.get('novu-chat')) {
  customElements.define('novu-chat', NovuChat);
}

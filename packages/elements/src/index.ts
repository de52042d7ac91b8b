/**
 * `@novu-chat/elements`: the `<novu-chat>` element. Importing this module registers the tag.
 *
 * ```ts
 * import '@novu-chat/elements';
 * ```
 * @packageDocumentation
 */
import './define.js';

export { NovuChat, THEME_STORAGE_KEY } from './novu-chat.js';
export { parseInterests } from '@novu-chat/protocol';
export type { ChatLine, NovuChatClientOptions, NovuLayout, NovuTheme } from './novu-chat.js';
export type {
  NovuBlockDetail,
  NovuChatEventMap,
  NovuErrorDetail,
  NovuMatchDetail,
  NovuMessageDetail,
  NovuPartnerLeftDetail,
  NovuReportDetail,
  NovuStateChangeDetail,
} from './events.js';
export { en, es, format, languages, resolveStrings } from './i18n/index.js';
export type { NovuLanguagePack, NovuStrings } from './i18n/index.js';

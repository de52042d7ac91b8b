// The attributes and properties of <novu-chat> that framework typings share (React JSX, Vue templates).
import type { NovuChat } from '@novu-chat/elements';

/** What a framework may set on `<novu-chat>`: attribute spellings and property spellings. */
export interface NovuChatProps {
  server?: string;
  'site-key'?: string;
  siteKey?: string;
  interests?: readonly string[] | string;
  mode?: NovuChat['mode'];
  theme?: NovuChat['theme'];
  layout?: NovuChat['layout'];
  autostart?: boolean;
  'relay-only'?: boolean;
  relayOnly?: boolean;
  'terms-accepted'?: boolean;
  termsAccepted?: boolean;
  captchaToken?: NovuChat['captchaToken'];
  strings?: NovuChat['strings'];
  clientOptions?: NovuChat['clientOptions'];
}

// <novu-chat> in React 19 JSX. Add once to your project: `import type {} from '@novu-chat/elements/react';`
// React 19 sets known properties (interests as an array, strings, clientOptions) and listens to
// custom events through `on<event-name>` props, e.g. `onnovu-match`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { NovuChat, NovuChatEventMap } from '@novu-chat/elements';
import type { NovuChatProps } from './props.js';

/** The `on<event>` props React 19 binds to the element's DOM events. */
export type NovuChatReactEvents = {
  [K in keyof NovuChatEventMap as `on${K}`]?: (event: NovuChatEventMap[K]) => void;
};

/** Props of `<novu-chat>` in JSX. */
export interface NovuChatReactProps extends NovuChatReactEvents, NovuChatProps {}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'novu-chat': DetailedHTMLProps<HTMLAttributes<NovuChat>, NovuChat> & NovuChatReactProps;
    }
  }
}

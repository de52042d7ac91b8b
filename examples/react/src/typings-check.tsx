// Not part of the app (nothing imports it): compile-time checks that `@novu-chat/elements/react`
// types <novu-chat> in JSX. `npm run typecheck:examples` fails if the typings stop applying.
import type { NovuChat } from '@novu-chat/elements';
import type {} from '@novu-chat/elements/react';

export const everything = (
  <novu-chat
    ref={(el: NovuChat | null) => void el?.stop()}
    server="https://signal.example.com"
    site-key="site-1"
    interests="music, games"
    mode="text"
    theme="dark"
    layout="video"
    autostart
    strings={{ terms: 'Be nice.' }}
    clientOptions={{ iceServers: [] }}
    onnovu-state-change={(e) => e.detail.state satisfies NovuChat['state']}
    onnovu-partner-left={(e) => e.detail.reason satisfies string}
    onnovu-error={(e) => e.detail.code satisfies string}
    style={{ height: '100dvh' }}
  />
);

// @ts-expect-error theme is 'light' | 'dark' | 'auto'
export const badTheme = <novu-chat theme="blue" />;
// @ts-expect-error interests are strings
export const badInterests = <novu-chat interests={[1, 2]} />;
// @ts-expect-error the events' details are typed
export const badDetail = <novu-chat onnovu-match={(e) => e.detail.nope} />;
// (An unknown `onnovu-…` prop is not caught: TypeScript accepts any hyphenated JSX attribute.)

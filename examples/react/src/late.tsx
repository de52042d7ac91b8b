// The same app, but <novu-chat> is defined only after React rendered it (as when the element's
// script loads after the framework's). React 19 then sets attributes (`interests="music,games"`,
// `server`, `theme`) on the not-yet-defined element, and the element picks them up on upgrade.
// Properties without an attribute (`strings`, `clientOptions`) are not set on an undefined element
// by React: import the element before rendering (main.tsx) if you use them.
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

const root = createRoot(document.getElementById('root')!);
flushSync(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
// For the end-to-end test: the element was in the page before its definition.
document.documentElement.dataset['renderedBeforeDefine'] = String(
  document.querySelector('novu-chat') !== null && customElements.get('novu-chat') === undefined,
);
await import('@novu-chat/elements');

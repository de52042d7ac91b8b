// <novu-chat> in React 19, no wrapper: React 19 sets `interests` as a property (an array), and binds
// `onnovu-match` / `onnovu-message` props to the element's DOM events. The JSX is type-checked
// against `@novu-chat/elements/react`.
import { useEffect, useRef, useState } from 'react';
import type { NovuChat } from '@novu-chat/elements';
import type {} from '@novu-chat/elements/react'; // <novu-chat> in JSX: props and event types

/** The Novu server: `?server=https://…` in the page URL, else the local one (`npm start`). */
const server = new URLSearchParams(location.search).get('server') ?? 'http://localhost:3001';

export function App() {
  const [mounted, setMounted] = useState(true);
  const [renders, setRenders] = useState(0);
  const [events, setEvents] = useState<string[]>([]);
  const chat = useRef<NovuChat>(null);
  const log = (line: string) => setEvents((lines) => [...lines, line]);

  // The other way to listen: a ref and addEventListener (here for the partner leaving).
  useEffect(() => {
    const el = chat.current;
    if (!el) return;
    const onLeft = (event: HTMLElementEventMap['novu-partner-left']) => log(`novu-partner-left: ${event.detail.reason}`);
    el.addEventListener('novu-partner-left', onLeft);
    return () => el.removeEventListener('novu-partner-left', onLeft);
  }, [mounted]);

  return (
    <main className="app">
      <div className="bar">
        <button id="toggle" type="button" onClick={() => setMounted((m) => !m)}>
          {mounted ? 'Unmount the chat' : 'Mount the chat'}
        </button>
        {/* Each render passes a fresh ['music', 'games'] array: an equal value restarts nothing. */}
        <button id="rerender" type="button" onClick={() => setRenders((n) => n + 1)}>
          Re-render
        </button>
        <span id="renders">renders: {renders}</span>
      </div>
      {mounted && (
        <novu-chat
          ref={chat}
          server={server}
          interests={['music', 'games']}
          theme="auto"
          onnovu-match={(event) => log(`novu-match: ${event.detail.commonInterests.join(', ') || '(no common interests)'}`)}
          onnovu-message={(event) => log(`novu-message (${event.detail.from}): ${event.detail.text}`)}
        />
      )}
      <ol id="events" className="events">
        {events.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
}

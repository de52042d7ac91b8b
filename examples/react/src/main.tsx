// The usual setup: import the element first (this registers <novu-chat>; the package declares the
// side effect, so bundlers keep it), then render.
import '@novu-chat/elements';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The same app, but <novu-chat> is defined only after Vue rendered it (as when the element's script
// loads after the framework's). Vue then sets attributes (`interests="music,games"`, `server`,
// `theme`) on the not-yet-defined element, and properties marked `.prop` (`strings`) as own
// properties: the element picks both up on upgrade.
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
// For the end-to-end test: the element was in the page before its definition.
document.documentElement.dataset['renderedBeforeDefine'] = String(
  document.querySelector('novu-chat') !== null && customElements.get('novu-chat') === undefined,
);
await import('@novu-chat/elements');

// The usual setup: import the element first (this registers <novu-chat>; the package declares the
// side effect, so bundlers keep it), then mount.
import '@novu-chat/elements';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');

// <novu-chat> in Vue 3 templates (Volar / vue-tsc). Add once: `import type {} from '@novu-chat/elements/vue';`
// and tell Vue the tag is a custom element: `compilerOptions.isCustomElement: (tag) => tag === 'novu-chat'`.
// Vue sets known properties (`:interests="['a', 'b']"`), and `@novu-match="…"` listens to the DOM event.
import type { DefineComponent } from 'vue';
import type { NovuChat, NovuChatEventMap } from '@novu-chat/elements';

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/** The `@novu-…` listeners, as Vue types them (`onNovuMatch`…). */
export type NovuChatVueEvents = {
  [K in keyof NovuChatEventMap as `on${Capitalize<Camel<K & string>>}`]?: (event: NovuChatEventMap[K]) => void;
};

/** Props of `<novu-chat>` in a Vue template. */
export interface NovuChatVueProps extends NovuChatVueEvents {
  server?: string;
  'site-key'?: string;
  siteKey?: string;
  interests?: readonly string[] | string;
  mode?: NovuChat['mode'];
  theme?: NovuChat['theme'];
  layout?: NovuChat['layout'];
  autostart?: boolean;
  lang?: string;
  strings?: NovuChat['strings'];
  clientOptions?: NovuChat['clientOptions'];
}

declare module 'vue' {
  interface GlobalComponents {
    'novu-chat': DefineComponent<NovuChatVueProps>;
  }
}

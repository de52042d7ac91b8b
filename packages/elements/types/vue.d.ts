// <novu-chat> in Vue 3 templates (Volar / vue-tsc). Add once: `import type {} from '@novu-chat/elements/vue';`
// and tell Vue the tag is a custom element: `compilerOptions.isCustomElement: (tag) => tag === 'novu-chat'`.
// Vue sets known properties (`:interests="['a', 'b']"`), and `@novu-match="…"` listens to the DOM event.
import type { AllowedComponentProps, ComponentCustomProps, VNodeProps } from 'vue';
import type { NovuChat, NovuChatEventMap } from '@novu-chat/elements';
import type { NovuChatProps } from './props.js';

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/** The `@novu-…` listeners, as Vue types them (`onNovuMatch`…). */
export type NovuChatVueEvents = {
  [K in keyof NovuChatEventMap as `on${Capitalize<Camel<K & string>>}`]?: (event: NovuChatEventMap[K]) => void;
};

/** Props of `<novu-chat>` in a Vue template. */
export interface NovuChatVueProps extends NovuChatVueEvents, NovuChatProps {
  lang?: string;
}

/**
 * `<novu-chat>` for Vue's type checker: props and `@novu-…` listeners come from `$props`, and a
 * template ref (`useTemplateRef('chat')`, `ref="chat"`) is the element itself, not a component instance.
 */
export type NovuChatVueElement = new () => NovuChat & {
  /** @deprecated For template type checking only: the element has no `$props`. */
  $props: NovuChatVueProps & VNodeProps & AllowedComponentProps & ComponentCustomProps;
};

declare module 'vue' {
  interface GlobalComponents {
    'novu-chat': NovuChatVueElement;
  }
}

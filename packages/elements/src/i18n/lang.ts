import { languages } from './index.js';

/** The language of an element: its `lang`, the nearest one around it, the page's, then the browser's. */
export function elementLang(el: Element): string {
  return (
    el.getAttribute('lang') ||
    el.closest('[lang]')?.getAttribute('lang') ||
    globalThis.document?.documentElement.lang ||
    globalThis.navigator?.language ||
    'en'
  );
}

/** The language `Intl` formats in for `lang`: that of the strings in use (English without a pack). */
export function formatLang(lang: string): string {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(languages, primary) ? primary : 'en';
}

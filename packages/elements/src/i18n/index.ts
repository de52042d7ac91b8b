import { en } from './en.js';
import { es } from './es.js';
import type { NovuLanguagePack, NovuStrings } from './strings.js';

export { en, es };
export { format } from './strings.js';
export type { NovuLanguagePack, NovuStrings } from './strings.js';

/** The built-in languages, by primary language subtag. */
export const languages: Readonly<Record<string, NovuLanguagePack>> = { en, es };

/**
 * The strings for a language tag (`es`, `es-MX`…), English when there is no pack for it,
 * with `overrides` on top.
 */
export function resolveStrings(lang: string | undefined, overrides?: Partial<NovuStrings> | null): NovuStrings {
  const primary = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  const pack = languages[primary] ?? en;
  return overrides ? { ...pack, ...overrides } : { ...pack };
}

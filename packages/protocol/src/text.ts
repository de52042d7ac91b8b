/**
 * Chat text: the one rule for the invisible characters a message may not carry.
 *
 * Bidirectional overrides and isolates can make a message display in a different order
 * than it reads (a link or a word spoofed backwards: "Trojan Source"), and zero-width
 * characters hide text or make two identical-looking messages differ. Neither is needed
 * to write in any language, so both are removed. The one exception is U+200D ZERO WIDTH
 * JOINER between two emoji, which is how emoji such as 👩‍💻 or 🏳️‍🌈 are written.
 */

/**
 * Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the LRM/RLM
 * marks (U+200E, U+200F) and the Arabic letter mark (U+061C); zero-width space and
 * non-joiner (U+200B, U+200C), word joiner (U+2060) and the byte-order mark (U+FEFF); and a
 * zero-width joiner unless it sits between an emoji (with its skin tone or presentation
 * selector) and another emoji.
 */
const INVISIBLE_CONTROLS =
  /[\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/**
 * Remove bidi control and zero-width characters from chat text (see the module comment).
 * A zero-width joiner inside an emoji sequence is kept. Idempotent; other text is untouched.
 *
 * @param text - The text as the user typed it.
 * @returns The text without those characters.
 */
export function stripInvisibleControls(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, '');
}

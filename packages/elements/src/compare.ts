// Equality checks of the element's property declarations: an equal value changes nothing.

/** The same strings in the same order. */
export const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The same keys with identical values (the options objects frameworks re-create on every render). */
export const shallowEqual = (a: object | null | undefined, b: object | null | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
};

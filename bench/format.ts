/** Number formatting shared by the benchmarks' markdown tables. */

/** A count or a rate, rounded, with thousands separators: `12,345`. */
export const int = (x: number): string => Math.round(x).toLocaleString('en');

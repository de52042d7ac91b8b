/** `scheme://host[:port]` and nothing else (what a browser sends as `Origin`); http or https only. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/+$/, '').toLowerCase();
  } catch {
    return false;
  }
}

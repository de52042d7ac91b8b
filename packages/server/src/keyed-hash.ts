import { createHmac } from 'node:crypto';

/**
 * A keyed hash (HMAC-SHA256, truncated) used wherever the server must recognise a value
 * it may not keep in clear: client IPs and client ids become opaque, non-reversible keys.
 */
export class KeyedHash {
  readonly #salt: string;
  constructor(salt: string) {
    this.#salt = salt;
  }
  /** The hash of `value` under this key, as 24 hex characters. */
  of(value: string): string {
    return createHmac('sha256', this.#salt).update(value).digest('hex').slice(0, 24);
  }
}

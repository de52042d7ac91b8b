/**
 * The clock the store conformance suites drive: it starts at the real time (a Redis store sets
 * real expiries, e.g. `PXAT`, from it) and moves only forward, only when a test advances it.
 */
export class StoreClock {
  #offset = 0;
  readonly #start = Date.now();
  /** The time now (epoch ms). */
  readonly now = (): number => this.#start + this.#offset;
  /** Move the clock forward. */
  advance(ms: number): void {
    this.#offset += ms;
  }
}

/**
 * The local timers that hold a dropped room member's place during its resume grace: when one
 * runs out, the member's room ends (unless it resumed first, here or on another process).
 */
export class ResumeGrace {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  /** Whether a connection is held here. */
  holds(socketId: string): boolean {
    return this.#timers.has(socketId);
  }

  /** Hold a connection for `ms`, then call `expired` (which no longer sees it held). */
  hold(socketId: string, ms: number, expired: () => void): void {
    this.release(socketId);
    const timer = setTimeout(() => {
      this.#timers.delete(socketId);
      expired();
    }, ms);
    timer.unref();
    this.#timers.set(socketId, timer);
  }

  /** Stop holding a connection (it resumed). */
  release(socketId: string): void {
    const timer = this.#timers.get(socketId);
    if (timer) clearTimeout(timer);
    this.#timers.delete(socketId);
  }

  /** Stop every timer (shutdown). */
  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}

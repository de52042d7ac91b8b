/**
 * Runs one connection's async work strictly in arrival order: each event, then its
 * disconnect. Without it an event waiting on its rate limiter could be overtaken by the
 * disconnect that followed it (a `room:leave` reaching the partner as `disconnected`).
 */
export class TaskQueue {
  #tail: Promise<void> = Promise.resolve();
  #pending = 0;

  /** Tasks queued or running: a connection's pending work, which the dispatcher bounds. */
  get pending(): number {
    return this.#pending;
  }

  /** Queue a task; it starts when every earlier task has settled. Never rejects. */
  run(task: () => Promise<void> | void): Promise<void> {
    this.#pending += 1;
    const next = this.#tail
      .then(task)
      .catch(() => undefined)
      .finally(() => {
        this.#pending -= 1;
      });
    this.#tail = next;
    return next;
  }
}

/** Each connection's {@link TaskQueue}, made on first use and dropped with the connection. */
export class TaskQueues {
  readonly #queues = new WeakMap<object, TaskQueue>();

  /** The queue of one connection. */
  of(connection: object): TaskQueue {
    let queue = this.#queues.get(connection);
    if (!queue) {
      queue = new TaskQueue();
      this.#queues.set(connection, queue);
    }
    return queue;
  }
}

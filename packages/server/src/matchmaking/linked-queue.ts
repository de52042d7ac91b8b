/**
 * A first-in-first-out list whose entries can be removed from the middle in O(1).
 *
 * `push` hands back the entry's node; the owner keeps that node (for example on the
 * queued object itself) and passes it to `remove` later. That is what makes the list
 * "intrusive": nobody ever searches it to find an entry.
 */

/** A handle on one entry of a {@link LinkedQueue}. Read-only for everyone but the queue. */
export interface QueueNode<T> {
  /** The queued value. */
  readonly value: T;
  /** The entry queued just after this one, or null at the tail (or once removed). */
  readonly next: QueueNode<T> | null;
  /** The entry queued just before this one, or null at the head (or once removed). */
  readonly prev: QueueNode<T> | null;
  /** The queue holding the node, or null once it was removed. */
  readonly queue: LinkedQueue<T> | null;
}

/** The mutable node behind {@link QueueNode}; never leaves this module as such. */
class Node<T> implements QueueNode<T> {
  next: Node<T> | null = null;
  prev: Node<T> | null = null;

  constructor(
    readonly value: T,
    public queue: LinkedQueue<T> | null,
  ) {}
}

/** A doubly-linked FIFO: O(1) `push`, `shift`, `peek` and `remove(node)`. */
export class LinkedQueue<T> implements Iterable<T> {
  #head: Node<T> | null = null;
  #tail: Node<T> | null = null;
  #size = 0;

  /** How many entries are queued. */
  get size(): number {
    return this.#size;
  }

  /** The oldest entry's node, or null when empty. Walk on with `node.next`. */
  get head(): QueueNode<T> | null {
    return this.#head;
  }

  /** The oldest value, or undefined when empty. */
  peek(): T | undefined {
    return this.#head?.value;
  }

  /** Append a value at the tail and return its node (keep it to `remove` the entry later). */
  push(value: T): QueueNode<T> {
    const node = new Node(value, this);
    const tail = this.#tail;
    if (tail === null) {
      this.#head = node;
    } else {
      tail.next = node;
      node.prev = tail;
    }
    this.#tail = node;
    this.#size += 1;
    return node;
  }

  /** Remove and return the oldest value, or undefined when empty. */
  shift(): T | undefined {
    const head = this.#head;
    if (head === null) return undefined;
    this.#unlink(head);
    return head.value;
  }

  /**
   * Remove an entry by its node. Returns false (and changes nothing) when the node
   * is not in this queue, for example because it was removed already.
   */
  remove(node: QueueNode<T>): boolean {
    if (!(node instanceof Node) || node.queue !== this) return false;
    this.#unlink(node as Node<T>);
    return true;
  }

  /** Iterate the values from oldest to newest. Do not remove entries while iterating. */
  *[Symbol.iterator](): Iterator<T> {
    for (let node = this.#head; node !== null; node = node.next) yield node.value;
  }

  #unlink(node: Node<T>): void {
    const { prev, next } = node;
    if (prev === null) this.#head = next;
    else prev.next = next;
    if (next === null) this.#tail = prev;
    else next.prev = prev;
    node.prev = null;
    node.next = null;
    node.queue = null;
    this.#size -= 1;
  }
}

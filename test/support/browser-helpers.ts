// Helpers shared by the browser tests of packages/sdk and packages/elements (served by
// web-test-runner from the repository root; see test/support/wtr.mjs). Each package's
// test/helpers re-exports these next to its own.

let serverUrlPromise: Promise<string> | undefined;
/** The URL of the real Novu server the test runner started (see test/support/wtr.mjs). */
export function serverUrl(): Promise<string> {
  serverUrlPromise ??= fetch('/__novu-server-url').then((r) => {
    if (!r.ok) throw new Error('The test runner did not start a Novu server');
    return r.text();
  });
  return serverUrlPromise;
}

let counter = 0;
/** An interest no other test uses, so clients of different tests never meet. */
export function uniqueInterest(): string {
  return `t${Date.now().toString(36)}${(counter++).toString(36)}`;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

export function equal(actual: unknown, expected: unknown, message = ''): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${message} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

export function deepEqual(actual: unknown, expected: unknown, message = ''): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message} expected ${e}, got ${a}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll `check` every `everyMs` until it returns a truthy value. */
export async function until<T>(
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
  what = 'condition',
  everyMs = 50,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Video frames an SDK client has decoded from its partner (inbound-rtp `framesDecoded`). */
export async function framesDecoded(client: { getStats(): Promise<RTCStatsReport | null | undefined> }): Promise<number> {
  const report = await client.getStats();
  let frames = 0;
  report?.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
  });
  return frames;
}

/**
 * The report counter's contract as a reusable node:test suite, run against every implementation
 * (memory, Redis). Time comes only from the injected clock.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ReportCounter } from '../src/moderation/report-counter.js';
import { StoreClock } from './store-clock.js';

/** Makes a fresh, empty report counter reading the given clock. */
export type ReportCounterFactory = (now: () => number) => ReportCounter | Promise<ReportCounter>;

const WINDOW = 10_000;

/** Register the conformance suite for one report counter. */
export function reportCounterConformance(name: string, create: ReportCounterFactory, cleanup?: () => Promise<void>): void {
  const setup = async () => {
    const clock = new StoreClock();
    return { clock, reports: await create(clock.now) };
  };

  describe(`ReportCounter conformance: ${name}`, () => {
    if (cleanup !== undefined) afterEach(cleanup);

    it('counts distinct reporters; the same reporter counts once', async () => {
      const { reports } = await setup();
      assert.equal(await reports.add('s', 'ip:1', WINDOW), 1);
      assert.equal(await reports.add('s', 'ip:1', WINDOW), 1);
      assert.equal(await reports.add('s', 'ip:2', WINDOW), 2);
      assert.equal(await reports.add('s', 'client:3', WINDOW), 3);
    });

    it('counts only reports within the window (sliding)', async () => {
      const { clock, reports } = await setup();
      assert.equal(await reports.add('s', 'r1', WINDOW), 1);
      clock.advance(WINDOW / 2);
      assert.equal(await reports.add('s', 'r2', WINDOW), 2);
      clock.advance(WINDOW / 2); // r1 is exactly one window old: lapsed
      assert.equal(await reports.add('s', 'r3', WINDOW), 2);
      clock.advance(WINDOW);
      assert.equal(await reports.add('s', 'r4', WINDOW), 1);
    });

    it('a repeated report refreshes the reporter’s time', async () => {
      const { clock, reports } = await setup();
      await reports.add('s', 'r1', WINDOW);
      clock.advance(WINDOW - 1);
      assert.equal(await reports.add('s', 'r1', WINDOW), 1);
      clock.advance(WINDOW - 1);
      assert.equal(await reports.add('s', 'r2', WINDOW), 2, 'r1 reported again within the window still counts');
    });

    it('keeps subjects apart, and clear forgets one subject only', async () => {
      const { reports } = await setup();
      await reports.add('a', 'r1', WINDOW);
      await reports.add('a', 'r2', WINDOW);
      assert.equal(await reports.add('b', 'r1', WINDOW), 1);
      await reports.clear('a');
      assert.equal(await reports.add('a', 'r3', WINDOW), 1);
      assert.equal(await reports.add('b', 'r2', WINDOW), 2);
      await reports.clear('never-reported');
    });
  });
}

/**
 * `IdleCollector` (server/src/idle-gc.ts): the young generation collected after an open document's analysis, while the
 * next keystroke is still to come. Its schedule is checked with a fake collector on mocked timers (a loaded machine
 * cannot move a real timer past the burst); the real collector is checked to exist on this Node and to empty the young
 * generation.
 */
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { IdleCollector, youngCollector, youngSpace, type YoungSpace } from '../../server/src/idle-gc';

function fake(space: YoungSpace | undefined) {
  const calls: number[] = [];
  const collector = new IdleCollector(
    () => calls.push(Date.now()),
    () => space,
    5,
  );
  return { collector, calls };
}

/** Mocked time: `tick(ms)` runs the timers due by then, whatever the machine's load. */
const tick = (ms: number) => mock.timers.tick(ms);

describe('IdleCollector', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());

  it('collects once after a burst of work, once the work has paused', () => {
    const { collector, calls } = fake({ used: 8e6, size: 16e6 });
    const started = Date.now();
    for (let i = 0; i < 5; i++) {
      collector.afterWork();
      tick(4);
    }
    assert.equal(
      calls.length,
      0,
      'not while work goes on (each piece of work 4 ms after the last, under the 5 ms delay)',
    );
    tick(1);
    assert.equal(calls.length, 1);
    tick(100);
    assert.equal(calls.length, 1, 'once');
    assert.equal(collector.collections, 1);
    assert.equal(calls[0] - started, 4 * 5 - 4 + 5, 'the delay after the last piece of work');
  });

  it('leaves a nearly empty young generation alone', () => {
    const { collector, calls } = fake({ used: 1e6, size: 16e6 });
    collector.afterWork();
    tick(30);
    assert.equal(calls.length, 0);
  });

  it('drops a pending collection when stopped', () => {
    const { collector, calls } = fake({ used: 12e6, size: 16e6 });
    collector.afterWork();
    collector.stop();
    tick(30);
    assert.equal(calls.length, 0);
  });

  it('does nothing where the process cannot collect', () => {
    const collector = new IdleCollector(null, () => ({ used: 12e6, size: 16e6 }), 1);
    assert.equal(collector.enabled, false);
    collector.afterWork();
    tick(20);
    assert.equal(collector.collections, 0);
  });

  it('empties the young generation with the collector this Node gives', () => {
    const collect = youngCollector();
    assert.ok(collect, 'Node gives no young-generation collector: the server would leave collections to V8');
    // Garbage fills the young generation to a quarter of its size, so that V8 is unlikely to collect on its own
    // (it does when the space is full, and a fixed amount can be all of a 1 MB space). It still may, between the
    // reading and the collection; such an attempt proves nothing and is made again.
    const attempts: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const target = youngSpace()!.size / 4;
      let keep: unknown[] = [];
      for (let round = 0; round < 1000 && youngSpace()!.used < target; round++) {
        keep = Array.from({ length: 500 }, (_, i) => ({ i, text: `garbage ${i}` }));
      }
      const before = youngSpace()!.used;
      keep = [];
      if (before < target) {
        attempts.push(`filled ${before} of ${target} bytes`);
        continue;
      }
      collect();
      const after = youngSpace()!.used;
      if (after < before / 2) return;
      attempts.push(`${before} bytes before the collection, ${after} after`);
    }
    assert.fail(`the collector did not empty the young generation: ${attempts.join('; ')}`);
  });
});

import { describe, expect, it } from 'vitest';
import { createRecomputeQueue, type RecomputePriority } from './recompute-queue.js';

/** A task that records when it starts and finishes only when released. */
function createGate() {
  const started: string[] = [];
  const releases = new Map<string, () => void>();
  const task = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      releases.set(name, () => resolve(name));
    });
  const release = async (name: string) => {
    releases.get(name)!();
    releases.delete(name);
    await new Promise((resolve) => setImmediate(resolve));
  };
  /** Releases the task that started first among those still running. */
  const releaseOne = () => release([...releases.keys()][0]!);
  return { started, task, release, releaseOne };
}

describe('createRecomputeQueue', () => {
  it('runs no more tasks at once than its concurrency', async () => {
    const queue = createRecomputeQueue({ concurrency: 2, backgroundConcurrency: 1 });
    const gate = createGate();
    const results = ['a', 'b', 'c', 'd'].map((name) => queue.run('s1', 'urgent', gate.task(name)));
    expect(gate.started).toEqual(['a', 'b']);
    expect(queue.stats()).toEqual({ running: 2, queued: 2 });
    await gate.releaseOne();
    expect(gate.started).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < 3; i += 1) await gate.releaseOne();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('serves sites round-robin so a busy site cannot starve a quiet one', async () => {
    const queue = createRecomputeQueue({ concurrency: 1, backgroundConcurrency: 1 });
    const gate = createGate();
    for (const name of ['busy-1', 'busy-2', 'busy-3'])
      void queue.run('busy', 'urgent', gate.task(name));
    void queue.run('quiet', 'urgent', gate.task('quiet-1'));
    for (let i = 0; i < 4; i += 1) await gate.releaseOne();
    expect(gate.started).toEqual(['busy-1', 'busy-2', 'quiet-1', 'busy-3']);
  });

  it('starts urgent work before background work and caps background slots', async () => {
    const queue = createRecomputeQueue({ concurrency: 3, backgroundConcurrency: 1 });
    const gate = createGate();
    const run = (name: string, priority: RecomputePriority) =>
      void queue.run('s', priority, gate.task(name));
    run('bg-1', 'background');
    run('bg-2', 'background');
    run('urgent-1', 'urgent');
    expect(gate.started).toEqual(['bg-1', 'urgent-1']); // bg-2 waits: one background slot only
    run('urgent-2', 'urgent');
    expect(gate.started).toEqual(['bg-1', 'urgent-1', 'urgent-2']);
    await gate.releaseOne(); // bg-1 done: its slot goes to bg-2 since no urgent work waits
    expect(gate.started).toEqual(['bg-1', 'urgent-1', 'urgent-2', 'bg-2']);
  });

  it('promotes a waiting background task to the urgent line', async () => {
    const queue = createRecomputeQueue({ concurrency: 2, backgroundConcurrency: 1 });
    const gate = createGate();
    const owner = {};
    void queue.run('s', 'background', gate.task('bg-1'));
    void queue.run('s', 'background', gate.task('bg-2'), owner);
    void queue.run('s', 'urgent', gate.task('urgent-1'));
    void queue.run('s', 'urgent', gate.task('urgent-2'));
    expect(gate.started).toEqual(['bg-1', 'urgent-1']);
    queue.promote(owner);
    await gate.release('urgent-1');
    expect(gate.started).toEqual(['bg-1', 'urgent-1', 'urgent-2']);
    await gate.release('urgent-2'); // bg-1 still holds the only background slot: only promotion lets bg-2 start
    expect(gate.started).toEqual(['bg-1', 'urgent-1', 'urgent-2', 'bg-2']);
    expect(queue.stats()).toEqual({ running: 2, queued: 0 });
  });

  it('passes a task failure to its caller and keeps running the others', async () => {
    const queue = createRecomputeQueue({ concurrency: 1, backgroundConcurrency: 1 });
    const failing = queue.run('s', 'urgent', () => Promise.reject(new Error('neo4j down')));
    const next = queue.run('s', 'urgent', async () => 'ok');
    await expect(failing).rejects.toThrow('neo4j down');
    await expect(next).resolves.toBe('ok');
    expect(queue.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('rests the background line in proportion to its work, and never holds urgent work back', async () => {
    let clock = 0;
    const queue = createRecomputeQueue({
      concurrency: 2,
      backgroundConcurrency: 1,
      backgroundSharePercent: 25,
      now: () => clock,
    });
    const gate = createGate();
    void queue.run('s1', 'background', gate.task('b1'));
    void queue.run('s1', 'background', gate.task('b2'));
    clock += 10;
    await gate.release('b1'); // took 10 ms: the line rests 30 ms
    expect(gate.started).toEqual(['b1']);
    void queue.run('s1', 'urgent', gate.task('u1'));
    expect(gate.started).toEqual(['b1', 'u1']);
    clock += 29;
    await gate.release('u1');
    expect(gate.started).toEqual(['b1', 'u1']);
    clock += 1;
    await new Promise((resolve) => setTimeout(resolve, 40)); // the wake-up timer
    expect(gate.started).toEqual(['b1', 'u1', 'b2']);
  });
});

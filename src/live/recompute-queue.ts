/** `urgent`: initial lists, a user's own events, catalogue removals. `background`: similarity refreshes. */
export type RecomputePriority = 'urgent' | 'background';

export interface RecomputeQueueOptions {
  concurrency: number;
  /** Slots background work may hold at most, so it never delays urgent work by more than one task. */
  backgroundConcurrency: number;
}

export interface RecomputeQueue {
  run<T>(siteId: string, priority: RecomputePriority, task: () => Promise<T>): Promise<T>;
  stats(): { running: number; queued: number };
}

interface Job {
  start(): Promise<void>;
}

/** Tasks waiting per site, served round-robin so one busy site cannot starve the others. */
class FairQueue {
  private readonly bySite = new Map<string, Job[]>();
  size = 0;

  push(siteId: string, job: Job): void {
    const jobs = this.bySite.get(siteId);
    if (jobs) jobs.push(job);
    else this.bySite.set(siteId, [job]);
    this.size += 1;
  }

  shift(): Job | undefined {
    const first = this.bySite.entries().next();
    if (first.done) return undefined;
    const [siteId, jobs] = first.value;
    const job = jobs.shift()!;
    this.bySite.delete(siteId);
    if (jobs.length > 0) this.bySite.set(siteId, jobs); // back of the line
    this.size -= 1;
    return job;
  }
}

/** Bounds how many recomputes reach Neo4j at once, so thousands of subscribers do not stampede it. */
export function createRecomputeQueue(options: RecomputeQueueOptions): RecomputeQueue {
  const waiting: Record<RecomputePriority, FairQueue> = { urgent: new FairQueue(), background: new FairQueue() };
  const running: Record<RecomputePriority, number> = { urgent: 0, background: 0 };

  function pump(): void {
    while (running.urgent + running.background < options.concurrency) {
      let priority: RecomputePriority;
      if (waiting.urgent.size > 0) priority = 'urgent';
      else if (waiting.background.size > 0 && running.background < options.backgroundConcurrency) priority = 'background';
      else return;
      const job = waiting[priority].shift()!;
      running[priority] += 1;
      void job.start().finally(() => {
        running[priority] -= 1;
        pump();
      });
    }
  }

  return {
    run(siteId, priority, task) {
      return new Promise((resolve, reject) => {
        waiting[priority].push(siteId, { start: () => task().then(resolve, reject) });
        pump();
      });
    },
    stats: () => ({ running: running.urgent + running.background, queued: waiting.urgent.size + waiting.background.size }),
  };
}

/** `urgent`: initial lists, a user's own events, catalogue removals. `background`: similarity refreshes. */
export type RecomputePriority = 'urgent' | 'background';

export interface RecomputeQueueOptions {
  concurrency: number;
  /** Slots background work may hold at most, so it never delays urgent work by more than one task. */
  backgroundConcurrency: number;
  /** Percent of the time the background line may be busy (100: whenever a slot is free). */
  backgroundSharePercent?: number;
  now?: () => number;
}

export interface RecomputeQueue {
  /** `owner` identifies the task for `promote` (e.g. the subscription it recomputes). */
  run<T>(
    siteId: string,
    priority: RecomputePriority,
    task: () => Promise<T>,
    owner?: object,
  ): Promise<T>;
  /** Moves the owner's waiting background task to the urgent line (a user event arrived meanwhile). */
  promote(owner: object): void;
  stats(): { running: number; queued: number };
}

interface Job {
  siteId: string;
  owner: object | undefined;
  start(): Promise<void>;
}

/** Tasks waiting per site, served round-robin so one busy site cannot starve the others. */
class FairQueue {
  private readonly bySite = new Map<string, Job[]>();
  size = 0;

  push(job: Job): void {
    const jobs = this.bySite.get(job.siteId);
    if (jobs) jobs.push(job);
    else this.bySite.set(job.siteId, [job]);
    this.size += 1;
  }

  remove(owner: object): Job | undefined {
    for (const [siteId, jobs] of this.bySite) {
      const index = jobs.findIndex((job) => job.owner === owner);
      if (index === -1) continue;
      const [job] = jobs.splice(index, 1);
      if (jobs.length === 0) this.bySite.delete(siteId);
      this.size -= 1;
      return job;
    }
    return undefined;
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
  const waiting: Record<RecomputePriority, FairQueue> = {
    urgent: new FairQueue(),
    background: new FairQueue(),
  };
  const running: Record<RecomputePriority, number> = { urgent: 0, background: 0 };
  const now = options.now ?? Date.now;
  const restFactor = 100 / (options.backgroundSharePercent ?? 100) - 1;
  /** The background line rests until then (its share of the time). */
  let backgroundOpensAt = 0;
  let wakeUp: ReturnType<typeof setTimeout> | undefined;

  function backgroundOpen(): boolean {
    const wait = backgroundOpensAt - now();
    if (wait <= 0) return true;
    if (!wakeUp) {
      wakeUp = setTimeout(() => {
        wakeUp = undefined;
        pump();
      }, wait);
      wakeUp.unref?.();
    }
    return false;
  }

  function pump(): void {
    while (running.urgent + running.background < options.concurrency) {
      let priority: RecomputePriority;
      if (waiting.urgent.size > 0) priority = 'urgent';
      else if (
        waiting.background.size > 0 &&
        running.background < options.backgroundConcurrency &&
        backgroundOpen()
      )
        priority = 'background';
      else return;
      const job = waiting[priority].shift()!;
      running[priority] += 1;
      const startedAt = now();
      void job.start().finally(() => {
        running[priority] -= 1;
        if (priority === 'background')
          backgroundOpensAt = Math.max(backgroundOpensAt, now() + (now() - startedAt) * restFactor);
        pump();
      });
    }
  }

  return {
    run(siteId, priority, task, owner) {
      return new Promise((resolve, reject) => {
        waiting[priority].push({ siteId, owner, start: () => task().then(resolve, reject) });
        pump();
      });
    },
    promote(owner) {
      const job = waiting.background.size > 0 ? waiting.background.remove(owner) : undefined;
      if (!job) return;
      waiting.urgent.push(job);
      pump();
    },
    stats: () => ({
      running: running.urgent + running.background,
      queued: waiting.urgent.size + waiting.background.size,
    }),
  };
}

import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

export interface CpuSample {
  at: number;
  /** All cores together, busy and total, in ms (Linux /proc/stat; 0 elsewhere). */
  machineBusyMs: number;
  machineTotalMs: number;
  loadGeneratorMs: number;
  serviceMs: number;
}

export interface CpuSplit {
  /** Share of the whole machine that was busy (1 = every core all the time). */
  machine: number;
  /** Cores' worth (1 = one core all the time) used by each part. */
  loadGenerator: number;
  service: number;
  /** Everything else that ran: Neo4j when it is local, and the rest of the machine. */
  rest: number;
}

/**
 * Where the machine's CPU went during a phase: this load generator, the service process and the
 * rest (Neo4j on a single machine). The figures say how much of a target's miss is the load
 * generator's share of the same cores.
 */
export function sampleCpu(servicePid: number | undefined): CpuSample {
  const usage = process.cpuUsage();
  let machineBusyMs = 0;
  let machineTotalMs = 0;
  let serviceMs = 0;
  try {
    const cpu = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
    const total = cpu.slice(0, 8).reduce((sum, value) => sum + value, 0);
    machineTotalMs = (total / TICKS_PER_SECOND) * 1000;
    machineBusyMs = ((total - idle) / TICKS_PER_SECOND) * 1000;
    if (servicePid !== undefined) {
      // fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
      const stat = readFileSync(`/proc/${servicePid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      serviceMs = ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
    }
  } catch {
    // not Linux, or the process is gone: the split is then unknown (zeros)
  }
  return {
    at: performance.now(),
    machineBusyMs,
    machineTotalMs,
    loadGeneratorMs: (usage.user + usage.system) / 1000,
    serviceMs,
  };
}

export function cpuSplit(before: CpuSample, after: CpuSample): CpuSplit | undefined {
  const wallMs = after.at - before.at;
  const machineTotal = after.machineTotalMs - before.machineTotalMs;
  if (wallMs <= 0 || machineTotal <= 0) return undefined;
  const busy = after.machineBusyMs - before.machineBusyMs;
  const loadGenerator = (after.loadGeneratorMs - before.loadGeneratorMs) / wallMs;
  const service = (after.serviceMs - before.serviceMs) / wallMs;
  return {
    machine: busy / machineTotal,
    loadGenerator,
    service,
    rest: Math.max(0, busy / wallMs - loadGenerator - service),
  };
}

export function formatCpuSplit(split: CpuSplit | undefined): string {
  if (!split) return 'unknown (no /proc)';
  const cores = (value: number) => value.toFixed(2);
  return `machine ${(split.machine * 100).toFixed(0)} % busy; cores used: load generator ${cores(split.loadGenerator)}, service ${cores(split.service)}, Neo4j and the rest ${cores(split.rest)}`;
}

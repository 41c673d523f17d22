import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

export interface CpuSample {
  at: number;
  /** All cores together, busy and total, in ms (Linux /proc/stat; 0 elsewhere). */
  machineBusyMs: number;
  machineTotalMs: number;
  /** Time the hypervisor ran something else on this VM's cores (the steal column). */
  machineStealMs: number;
  loadGeneratorMs: number;
  serviceMs: number;
  /** The local Neo4j's CPU time, when its process is known. */
  neo4jMs?: number;
}

export interface CpuSplit {
  /** Share of the whole machine that was busy (1 = every core all the time). */
  machine: number;
  /**
   * Share of the machine's time the hypervisor gave to other guests: a stall with no GC and no
   * slow statement behind it may be this.
   */
  steal: number;
  /** Cores' worth (1 = one core all the time) used by each part. */
  loadGenerator: number;
  service: number;
  /** The local Neo4j, when its process is known (else it is part of `rest`). */
  neo4j?: number;
  /** Everything else that ran (with Neo4j in it when its process is not known). */
  rest: number;
}

/**
 * Where the machine's CPU went during a phase: this load generator, the service process and the
 * rest (Neo4j on a single machine). The figures say how much of a target's miss is the load
 * generator's share of the same cores.
 */
export function sampleCpu(servicePid: number | undefined, neo4jPid?: number): CpuSample {
  const usage = process.cpuUsage();
  let machineBusyMs = 0;
  let machineTotalMs = 0;
  let machineStealMs = 0;
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
    machineStealMs = ((cpu[7] ?? 0) / TICKS_PER_SECOND) * 1000;
    if (servicePid !== undefined) serviceMs = processCpuMs(servicePid);
  } catch {
    // not Linux, or the process is gone: the split is then unknown (zeros)
  }
  let neo4jMs: number | undefined;
  try {
    if (neo4jPid !== undefined) neo4jMs = processCpuMs(neo4jPid);
  } catch {
    // gone: Neo4j stays part of the rest
  }
  return {
    at: performance.now(),
    machineBusyMs,
    machineTotalMs,
    machineStealMs,
    loadGeneratorMs: (usage.user + usage.system) / 1000,
    serviceMs,
    ...(neo4jMs === undefined ? {} : { neo4jMs }),
  };
}

/** A process's CPU time (user and system) in ms, from /proc/<pid>/stat. */
function processCpuMs(pid: number): number {
  // fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
}

export function cpuSplit(before: CpuSample, after: CpuSample): CpuSplit | undefined {
  const wallMs = after.at - before.at;
  const machineTotal = after.machineTotalMs - before.machineTotalMs;
  if (wallMs <= 0 || machineTotal <= 0) return undefined;
  const busy = after.machineBusyMs - before.machineBusyMs;
  const loadGenerator = (after.loadGeneratorMs - before.loadGeneratorMs) / wallMs;
  const service = (after.serviceMs - before.serviceMs) / wallMs;
  const neo4j =
    before.neo4jMs === undefined || after.neo4jMs === undefined
      ? undefined
      : (after.neo4jMs - before.neo4jMs) / wallMs;
  return {
    machine: busy / machineTotal,
    steal: (after.machineStealMs - before.machineStealMs) / machineTotal,
    loadGenerator,
    service,
    ...(neo4j === undefined ? {} : { neo4j }),
    rest: Math.max(0, busy / wallMs - loadGenerator - service - (neo4j ?? 0)),
  };
}

export function formatCpuSplit(split: CpuSplit | undefined): string {
  if (!split) return 'unknown (no /proc)';
  const cores = (value: number) => value.toFixed(2);
  const others =
    split.neo4j === undefined
      ? `Neo4j and the rest ${cores(split.rest)}`
      : `Neo4j ${cores(split.neo4j)}, the rest ${cores(split.rest)}`;
  return `machine ${(split.machine * 100).toFixed(0)} % busy (${(split.steal * 100).toFixed(0)} % stolen by the hypervisor); cores used: load generator ${cores(split.loadGenerator)}, service ${cores(split.service)}, ${others}`;
}

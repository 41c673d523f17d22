import { cpus, totalmem, loadavg, platform, release } from 'node:os';

/** The machine a figure was measured on: CPU model, cores, memory, OS, Node. */
export function describeMachine(): string {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return `${model}, ${processors.length} cores, ${memory} RAM, ${platform()} ${release()}, Node ${process.versions.node}, load average ${load}`;
}

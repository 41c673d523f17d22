/**
 * Where the slowest requests of a phase spent their time: the client's latency beside the time the
 * service stated in `Server-Timing` (`app;dur=`), and when in the phase they were sent. A tail the
 * service did not see lies in the client's socket pool, the kernel or the service's accept and
 * parse; slow requests sent together point at one stall, spread ones at a per-request cause.
 */
export interface RequestSample {
  /** When the request was sent, ms from the start of the phase. */
  sentAtMs: number;
  /** From the send to the end of the answer, ms. */
  totalMs: number;
  /** The service's own time from `Server-Timing`, ms; undefined when the header was missing. */
  serviceMs: number | undefined;
}

const APP_DURATION = /(?:^|,)\s*app;(?:[^,]*;)?\s*dur=([\d.]+)/;

/** The `app` duration of a `Server-Timing` header, in ms. */
export function serviceMsOf(header: string | string[] | undefined): number | undefined {
  const text = Array.isArray(header) ? header.join(',') : header;
  const match = text === undefined ? null : APP_DURATION.exec(text);
  return match ? Number(match[1]) : undefined;
}

export interface SlowestSummary {
  count: number;
  totalMs: { min: number; max: number };
  /** Median and largest service time among them. */
  serviceMs: { p50: number; max: number } | undefined;
  /** Median of (client latency − service time): time outside the service. */
  outsideP50Ms: number | undefined;
  /** Seconds into the phase of the first and last of them, and how many distinct seconds. */
  sentAtS: { first: number; last: number; distinctSeconds: number };
}

/** The slowest `share` of the samples (at least one), or undefined for no samples. */
export function summarizeSlowest(
  samples: readonly RequestSample[],
  share = 0.01,
): SlowestSummary | undefined {
  if (samples.length === 0) return undefined;
  const count = Math.max(1, Math.ceil(samples.length * share));
  const slowest = [...samples].sort((a, b) => b.totalMs - a.totalMs).slice(0, count);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  };
  const timed = slowest.filter((sample) => sample.serviceMs !== undefined);
  const sentAt = slowest.map((sample) => sample.sentAtMs / 1000);
  return {
    count,
    totalMs: {
      min: Math.min(...slowest.map((sample) => sample.totalMs)),
      max: slowest[0]!.totalMs,
    },
    serviceMs:
      timed.length === 0
        ? undefined
        : {
            p50: median(timed.map((sample) => sample.serviceMs!)),
            max: Math.max(...timed.map((sample) => sample.serviceMs!)),
          },
    outsideP50Ms:
      timed.length === 0
        ? undefined
        : median(timed.map((sample) => sample.totalMs - sample.serviceMs!)),
    sentAtS: {
      first: Math.min(...sentAt),
      last: Math.max(...sentAt),
      distinctSeconds: new Set(sentAt.map(Math.floor)).size,
    },
  };
}

export function formatSlowest(summary: SlowestSummary | undefined): string {
  if (!summary) return 'no answers';
  const ms = (value: number) => Math.round(value).toLocaleString('en-US');
  const service = summary.serviceMs
    ? `service time p50 ${ms(summary.serviceMs.p50)} / max ${ms(summary.serviceMs.max)} ms, outside the service p50 ${ms(summary.outsideP50Ms!)} ms`
    : 'no Server-Timing';
  const { first, last, distinctSeconds } = summary.sentAtS;
  return `slowest ${summary.count}: ${ms(summary.totalMs.min)}–${ms(summary.totalMs.max)} ms; ${service}; sent ${first.toFixed(1)}–${last.toFixed(1)} s into the phase, in ${distinctSeconds} distinct seconds`;
}

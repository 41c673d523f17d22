/**
 * How many requests and graph statements took longer than a bucket bound, read from the service's
 * Prometheus histograms: where a stall seen by the client was spent (the handler, Neo4j, or neither).
 */
export interface SlowCounts {
  /** HTTP requests over the bound, all routes. */
  requests: number;
  /** Graph statements over the bound, by registered query name. */
  queries: Record<string, number>;
  /** The service's longest event-loop delay since the previous scrape (prom-client resets it). */
  loopMaxMs: number;
  /** Seconds the service spent in garbage collection since it started. */
  gcSeconds: number;
  /** Every graph statement by registered query name: how many ran and their seconds in total. */
  queryTime: Record<string, { count: number; seconds: number }>;
}

const QUERY_TOTAL = /^recograph_graph_query_duration_seconds_(sum|count)\{(.*)\} (\S+)$/;
const BUCKET =
  /^(recograph_http_request_duration_seconds|recograph_graph_query_duration_seconds)_bucket\{(.*)\} (\d+(?:\.\d+)?)$/;

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[match[1]!] = match[2]!;
  return labels;
}

/** Counts over `boundSeconds`, which must be one of the histograms' bucket bounds (e.g. 0.1). */
export function parseSlowCounts(metricsText: string, boundSeconds: number): SlowCounts {
  const totals = new Map<string, { all: number; within: number }>();
  const bound = String(boundSeconds);
  const counts: SlowCounts = {
    requests: 0,
    queries: {},
    loopMaxMs: 0,
    gcSeconds: 0,
    queryTime: {},
  };
  for (const raw of metricsText.split('\n')) {
    const line = raw.trim();
    const loop = /^recograph_nodejs_eventloop_lag_max_seconds (\S+)$/.exec(line);
    if (loop) counts.loopMaxMs = Number(loop[1]) * 1_000;
    const gc = /^recograph_nodejs_gc_duration_seconds_sum\{.*\} (\S+)$/.exec(line);
    if (gc) counts.gcSeconds += Number(gc[1]);
    const total = QUERY_TOTAL.exec(line);
    if (total) {
      const query = labelsOf(total[2]!).query ?? '?';
      const entry = (counts.queryTime[query] ??= { count: 0, seconds: 0 });
      if (total[1] === 'sum') entry.seconds += Number(total[3]);
      else entry.count += Number(total[3]);
    }
    const match = BUCKET.exec(line);
    if (!match) continue;
    const labels = labelsOf(match[2]!);
    const key = match[1]!.startsWith('recograph_http') ? '' : (labels.query ?? '?');
    const entry = totals.get(key) ?? { all: 0, within: 0 };
    if (labels.le === '+Inf') entry.all += Number(match[3]);
    else if (labels.le === bound) entry.within += Number(match[3]);
    totals.set(key, entry);
  }
  for (const [key, { all, within }] of totals) {
    if (key === '') counts.requests = all - within;
    else counts.queries[key] = all - within;
  }
  return counts;
}

/**
 * "requests 2; graph: recommend-personalized 1; loop max 31 ms; GC 0.42 s" between two readings
 * ('-' when either is missing).
 */
export function formatSlowCounts(
  before: SlowCounts | undefined,
  after: SlowCounts | undefined,
  options: { loopAndGc?: boolean } = {},
): string {
  if (!before || !after) return '-';
  const queries = Object.entries(after.queries)
    .map(([query, count]) => [query, count - (before.queries[query] ?? 0)] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([query, count]) => `${query} ${count}`);
  const gc = (after.gcSeconds - before.gcSeconds).toFixed(2);
  const counts = `requests ${after.requests - before.requests}; graph: ${queries.length > 0 ? queries.join(', ') : 'none'}`;
  return options.loopAndGc === false
    ? counts
    : `${counts}; loop max ${Math.round(after.loopMaxMs)} ms; GC ${gc} s`;
}

/**
 * Where the service's graph time went between two readings, the largest first: "recommend/x 1,200 ×
 * 3.1 ms = 3.7 s" for the `top` statements by total time.
 */
export function formatQueryTime(
  before: SlowCounts | undefined,
  after: SlowCounts | undefined,
  top = 8,
): string {
  if (!before || !after) return '-';
  const rows = Object.entries(after.queryTime)
    .map(([query, { count, seconds }]) => {
      const earlier = before.queryTime[query] ?? { count: 0, seconds: 0 };
      return { query, count: count - earlier.count, seconds: seconds - earlier.seconds };
    })
    .filter((row) => row.count > 0)
    .sort((a, b) => b.seconds - a.seconds);
  if (rows.length === 0) return 'none';
  const total = rows.reduce((sum, row) => sum + row.seconds, 0);
  const shown = rows
    .slice(0, top)
    .map(
      (row) =>
        `${row.query} ${row.count} × ${((row.seconds / row.count) * 1000).toFixed(1)} ms = ${row.seconds.toFixed(1)} s`,
    );
  return `${total.toFixed(1)} s in all; ${shown.join(', ')}`;
}

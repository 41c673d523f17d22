/**
 * Whether a benchmark's warm-up needs another round, from the throughput of the rounds so far. A
 * freshly started Neo4j keeps getting faster for minutes (its plans compile, then the JIT compiles
 * its code): after one 15-s round the first bench:ingest run on a just-started database gave 541
 * single events/s at p99 3.3 s, and the next run, on the same warm-up, 1,000/s at p99 192 ms.
 *
 * Warming goes on until `patience` rounds in a row are none of them more than `tolerance` faster
 * than the best round before them. With one round of patience, one slow round (a GC, a replan,
 * the hypervisor) ended the warm-up of a JVM still warming: 500-event batches on a just-started
 * Neo4j went 439, 1,653, 2,745, 3,734 and 3,641 events/s, and the phase then measured 4,001/s.
 */
export function needsAnotherRound(
  rates: readonly number[],
  options: { tolerance: number; maxRounds: number; patience?: number },
): boolean {
  const patience = options.patience ?? 2;
  if (rates.length >= options.maxRounds) return false;
  if (rates.length <= patience) return true;
  const bestBefore = Math.max(...rates.slice(0, -patience));
  return rates.slice(-patience).some((rate) => rate > bestBefore * (1 + options.tolerance));
}

/**
 * Whether a benchmark's warm-up needs another round, from the throughput of the rounds so far. A
 * freshly started Neo4j keeps getting faster for minutes (its plans compile, then the JIT compiles
 * its code): after one 15-s round the first bench:ingest run on a just-started database gave 541
 * single events/s at p99 3.3 s, and the next run, on the same warm-up, 1,000/s at p99 192 ms.
 * Warming goes on while a round is more than `tolerance` faster than the one before it.
 */
export function needsAnotherRound(
  rates: readonly number[],
  options: { tolerance: number; maxRounds: number },
): boolean {
  if (rates.length >= options.maxRounds) return false;
  if (rates.length < 2) return true;
  return rates.at(-1)! > rates.at(-2)! * (1 + options.tolerance);
}

/**
 * Background work makes way for ingestion: a round that left work behind is followed at once by
 * the next, unless events are being written; then by a pause of `yieldFactor` times the round (at
 * most `maxYieldMs`), so the writes keep most of the database and the background work catches up
 * a little later. The similarity refresher and the statistics rollup both use it.
 */
export function delayAfterBusyRound(input: {
  roundMs: number;
  writing: boolean;
  settings: { yieldFactor: number; maxYieldMs: number };
}): number {
  if (!input.writing) return 0;
  return Math.min(
    input.settings.maxYieldMs,
    Math.max(0, input.roundMs) * input.settings.yieldFactor,
  );
}

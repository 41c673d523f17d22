/**
 * How often a pause made for event writes checks whether they are still going on: it ends as
 * soon as they stop (the ingestor counts as writing until 250 ms after its last flush).
 */
export const PAUSE_CHECK_MS = 250;

/** The busiest the event writer is taken to be: the pause stays bounded (ten times the base). */
export const MAX_WRITE_LOAD = 0.9;

/**
 * Background work makes way for ingestion: a round that left work behind is followed at once by
 * the next, unless events are being written; then by a pause of `yieldFactor` times the round (at
 * most `maxYieldMs`), so the writes keep most of the database and the background work catches up
 * a little later. The similarity refresher and the statistics rollup both use it.
 *
 * The busier the writer (`load`: the share of the last second its busiest lane had a transaction
 * in flight), the longer the pause: both the factor and the cap are divided by `1 - load`, so the
 * background work takes about what the writes leave free. With a fixed factor of 2 it took a
 * third of the time whatever the load, and at 1,000 single events/s (writer busy ~80 % of the
 * time) it pushed the 2-core benchmark machine from ~70 % to 80-98 % busy: the event p99 went
 * from 44 ms (background work off) to 209-406 ms.
 */
export function delayAfterBusyRound(input: {
  roundMs: number;
  writing: boolean;
  /** 0 (idle) to 1 (a transaction always in flight); absent: 0. */
  load?: number;
  settings: { yieldFactor: number; maxYieldMs: number };
}): number {
  if (!input.writing) return 0;
  const load = Math.min(MAX_WRITE_LOAD, Math.max(0, input.load ?? 0));
  const stretch = 1 / (1 - load);
  return Math.min(
    input.settings.maxYieldMs * stretch,
    Math.max(0, input.roundMs) * input.settings.yieldFactor * stretch,
  );
}

/**
 * The share of its usual size a round of background work takes: 1 while no events are being
 * written, else what the writer leaves free (1 - load, at least 1 - MAX_WRITE_LOAD).
 *
 * Pauses alone bound the background work's share of the database, not the length of one burst:
 * a refresher round of 20 items ran ~1.1 s of back-to-back statements (co-occurrence reads of
 * 150-290 ms each) and the statistics rollup read 2,000 events at once. Each held one of the
 * benchmark machine's two cores for as long, the event flushes slowed behind it, and the
 * requests of those seconds made the single-event p99 (bench:ingest). Slices in proportion to
 * the free share, each followed by its proportional pause (delayAfterBusyRound), do the same work
 * per second in shorter bursts.
 */
export function shareLeftByWrites(input: { writing: boolean; load?: number }): number {
  if (!input.writing) return 1;
  return 1 - Math.min(MAX_WRITE_LOAD, Math.max(0, input.load ?? 0));
}

/** `size` scaled by `share` (from shareLeftByWrites), rounded, never below `min`. */
export function sliceOf(size: number, share: number, min = 1): number {
  return Math.max(min, Math.round(size * share));
}

/**
 * An interval stretched by the writer's load as pauses are (divided by `1 - load`, at most ten
 * times): used for the similarity refresher's per-item cooldown, so that under sustained
 * ingestion a hot item is recomputed less often, and not at all stretched while no events are
 * being written.
 */
export function stretchedByWrites(ms: number, input: { writing: boolean; load?: number }): number {
  return Math.round(ms / shareLeftByWrites(input));
}

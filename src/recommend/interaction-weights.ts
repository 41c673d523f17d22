/**
 * How much each of a user's recent interactions says about their taste (the personalized model).
 * buy > basket > rate (by rating) > consume (by share) > view; a hidden item pushes its neighbours
 * down. Recency decays with a 14-day half-life towards a floor of half weight, so that a long
 * history still counts (on MovieLens the floor keeps P@10 where full weight has it).
 */
export const HISTORY_WEIGHTS = {
  BOUGHT: 5,
  BASKETED: 3,
  /** 3 at rating 0 to 4 at rating 100 (every rating says the user engaged with the item). */
  RATED: (rating: number | null) => 3 + (rating ?? 50) / 100,
  /** 1 at 0 % to 3 at 100 %. */
  CONSUMED: (percent: number | null) => 1 + (2 * (percent ?? 50)) / 100,
  VIEWED: 1,
  HID: -3,
  halfLifeMs: 14 * 86_400_000,
  recencyFloor: 0.5,
} as const;

export interface HistoryEntry {
  type: string;
  id: string;
  relationship: string;
  lastAt: number | null;
  rating?: number | null;
  percent?: number | null;
  quantity?: number | null;
}

export interface WeightedItem {
  type: string;
  id: string;
  weight: number;
}

/** One weight per item: its strongest interaction (or the hide), times recency. */
export function weighHistory(entries: readonly HistoryEntry[], now: number): WeightedItem[] {
  const items = new Map<string, WeightedItem & { hidden: boolean }>();
  for (const entry of entries) {
    const key = `${entry.type}\u0000${entry.id}`;
    const weight = weighInteraction(entry) * recency(entry.lastAt, now);
    const current = items.get(key);
    const hidden = entry.relationship === 'HID' || (current?.hidden ?? false);
    const strongest = current === undefined ? weight : Math.max(current.weight, weight);
    items.set(key, {
      type: entry.type,
      id: entry.id,
      weight: hidden ? HISTORY_WEIGHTS.HID : strongest,
      hidden,
    });
  }
  return [...items.values()].map(({ type, id, weight }) => ({ type, id, weight }));
}

function weighInteraction(entry: HistoryEntry): number {
  switch (entry.relationship) {
    case 'BOUGHT':
      return HISTORY_WEIGHTS.BOUGHT;
    case 'BASKETED':
      return entry.quantity === 0 ? HISTORY_WEIGHTS.VIEWED : HISTORY_WEIGHTS.BASKETED; // taken out of the basket again
    case 'RATED':
      return HISTORY_WEIGHTS.RATED(entry.rating ?? null);
    case 'CONSUMED':
      return HISTORY_WEIGHTS.CONSUMED(entry.percent ?? null);
    case 'HID':
      return HISTORY_WEIGHTS.HID;
    default:
      return HISTORY_WEIGHTS.VIEWED;
  }
}

function recency(lastAt: number | null, now: number): number {
  if (lastAt === null) return HISTORY_WEIGHTS.recencyFloor;
  const age = Math.max(0, now - lastAt);
  return (
    HISTORY_WEIGHTS.recencyFloor +
    (1 - HISTORY_WEIGHTS.recencyFloor) * 0.5 ** (age / HISTORY_WEIGHTS.halfLifeMs)
  );
}

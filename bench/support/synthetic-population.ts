import { randomUUID } from 'node:crypto';

export interface PopulationOptions {
  users: number;
  items: number;
  /** Zipf exponent of item popularity: a few items get most events, as in real shops. */
  zipfExponent: number;
}

/** Event types with their share of the synthetic traffic. */
const EVENT_MIX: [type: string, share: number][] = [
  ['view', 0.6],
  ['consume', 0.08],
  ['basket', 0.08],
  ['unbasket', 0.02],
  ['buy', 0.05],
  ['rate', 0.04],
  ['hide', 0.02],
  ['impression', 0.06],
  ['click_recommended', 0.04],
  ['login', 0.01],
];

/** A synthetic site population: users, items with Zipf popularity, and a realistic event mix. */
export function createSyntheticPopulation(options: PopulationOptions) {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= options.items; rank += 1) {
    total += 1 / rank ** options.zipfExponent;
    cumulative.push(total);
  }
  const pickItem = (): string => {
    const target = Math.random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return `item-${low}`;
  };
  const pickUser = (): string => `user-${Math.floor(Math.random() * options.users)}`;
  const pickType = (): string => {
    let roll = Math.random();
    for (const [type, share] of EVENT_MIX) {
      roll -= share;
      if (roll < 0) return type;
    }
    return 'view';
  };

  return {
    nextEvent(): Record<string, unknown> {
      const type = pickType();
      const event: Record<string, unknown> = { id: randomUUID(), type, user: pickUser() };
      if (type === 'login')
        return { ...event, user: `anon-${randomUUID().slice(0, 8)}`, knownUser: pickUser() };
      if (type === 'impression')
        return {
          ...event,
          items: [pickItem(), pickItem(), pickItem(), pickItem()],
          recommendationId: randomUUID(),
        };
      event.item = pickItem();
      if (type === 'consume') event.percent = Math.round(Math.random() * 100);
      if (type === 'buy')
        Object.assign(event, {
          quantity: 1 + Math.floor(Math.random() * 3),
          price: 19.9,
          currency: 'EUR',
        });
      if (type === 'rate') event.rating = 20 * (1 + Math.floor(Math.random() * 5));
      if (type === 'click_recommended') event.recommendationId = randomUUID();
      return event;
    },
  };
}

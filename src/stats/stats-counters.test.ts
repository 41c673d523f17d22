import { describe, expect, it } from 'vitest';
import { deriveRecommendationId } from '../recommend/recommendation-identity.js';
import { ATTRIBUTION_WINDOW_MS, countEvents, type CountedEvent } from './stats-counters.js';

const DAY1 = Date.parse('2026-11-26T10:00:00Z');
const DAY2 = Date.parse('2026-11-27T09:00:00Z');
const recFor = (scenario: string) =>
  deriveRecommendationId({ siteId: 's', scenario, user: 'u1', context: [], items: [] });

const event = (fields: Partial<CountedEvent> & Pick<CountedEvent, 'type'>): CountedEvent => ({
  siteId: 's',
  at: DAY1,
  user: 'u1',
  itemType: 'product',
  item: 'a',
  recommendationId: null,
  revenue: null,
  currency: null,
  itemsShown: null,
  ...fields,
});

const noEarlierClicks = {
  personOf: (_site: string, user: string) => user,
  earlierClick: () => undefined,
};

function valueOf(
  counters: ReturnType<typeof countEvents>['counters'],
  key: { day?: string; scenario: string; metric: string; currency?: string },
) {
  return counters.find(
    (c) =>
      c.day === (key.day ?? '2026-11-26') &&
      c.scenario === key.scenario &&
      c.metric === key.metric &&
      c.currency === (key.currency ?? ''),
  )?.value;
}

describe('countEvents', () => {
  it('counts every event by type and UTC day, and impressions and clicks per scenario', () => {
    const home = recFor('home');
    const { counters } = countEvents(
      [
        event({ type: 'view' }),
        event({ type: 'view', at: DAY2 }),
        event({ type: 'impression', item: null, recommendationId: home, itemsShown: 4 }),
        event({ type: 'impression', item: null, recommendationId: home, itemsShown: 2 }),
        event({ type: 'click_recommended', recommendationId: home }),
        event({ type: 'click_recommended', recommendationId: 'made-up' }),
      ],
      noEarlierClicks,
    );
    expect(valueOf(counters, { scenario: '', metric: 'events.view' })).toBe(1);
    expect(valueOf(counters, { day: '2026-11-27', scenario: '', metric: 'events.view' })).toBe(1);
    expect(valueOf(counters, { scenario: '', metric: 'events.impression' })).toBe(2);
    expect(valueOf(counters, { scenario: 'home', metric: 'impressions' })).toBe(2);
    expect(valueOf(counters, { scenario: 'home', metric: 'itemsShown' })).toBe(6);
    expect(valueOf(counters, { scenario: 'home', metric: 'clicks' })).toBe(1);
    expect(valueOf(counters, { scenario: '', metric: 'clicks' })).toBe(1);
    expect(valueOf(counters, { scenario: '', metric: 'events.click_recommended' })).toBe(2);
  });

  it('attributes a purchase to the scenario of the latest click on that item by the same person within the window', () => {
    const home = recFor('home');
    const cart = recFor('cart');
    const { counters, clicks } = countEvents(
      [
        event({ type: 'click_recommended', recommendationId: home, at: DAY1 - 60_000 }),
        event({
          type: 'click_recommended',
          user: 'anon',
          recommendationId: cart,
          at: DAY1 - 1_000,
        }),
        event({ type: 'buy', user: 'known', revenue: 30, currency: 'EUR' }),
        event({ type: 'buy', user: 'other', revenue: 5, currency: 'EUR' }),
        event({ type: 'buy', user: 'u1', item: 'b', revenue: 7 }),
      ],
      {
        personOf: (_site, user) => (user === 'anon' || user === 'u1' ? 'known' : user),
        earlierClick: () => undefined,
      },
    );
    expect(valueOf(counters, { scenario: 'cart', metric: 'purchases' })).toBe(1);
    expect(valueOf(counters, { scenario: 'cart', metric: 'revenue', currency: 'EUR' })).toBe(30);
    expect(valueOf(counters, { scenario: 'home', metric: 'purchases' })).toBeUndefined();
    expect(valueOf(counters, { scenario: '', metric: 'revenue', currency: 'EUR' })).toBe(35);
    expect(valueOf(counters, { scenario: '', metric: 'revenue', currency: 'XXX' })).toBe(7);
    expect(clicks.map((click) => [click.user, click.scenario])).toEqual([
      ['u1', 'home'],
      ['anon', 'cart'],
    ]);
  });

  it('does not attribute a click after the purchase or older than the window, and falls back to an earlier rollup', () => {
    const home = recFor('home');
    const { counters } = countEvents(
      [
        event({ type: 'buy', revenue: 10, currency: 'EUR' }),
        event({ type: 'click_recommended', recommendationId: home, at: DAY1 + 1 }),
        event({
          type: 'buy',
          item: 'b',
          at: DAY2,
          revenue: 3,
          currency: 'EUR',
        }),
        event({
          type: 'click_recommended',
          item: 'b',
          recommendationId: home,
          at: DAY2 - ATTRIBUTION_WINDOW_MS - 1,
        }),
      ],
      {
        personOf: (_site, user) => user,
        earlierClick: (index) => (index === 2 ? 'cart' : undefined),
      },
    );
    expect(valueOf(counters, { scenario: 'home', metric: 'purchases' })).toBeUndefined();
    expect(valueOf(counters, { day: '2026-11-27', scenario: 'cart', metric: 'purchases' })).toBe(1);
    expect(valueOf(counters, { scenario: 'cart', metric: 'purchases' })).toBeUndefined();
  });

  it('keeps sites apart', () => {
    const home = recFor('home');
    const { counters } = countEvents(
      [
        event({ type: 'click_recommended', recommendationId: home }),
        event({ type: 'buy', siteId: 't', revenue: 1, currency: 'EUR', at: DAY1 + 1 }),
      ],
      noEarlierClicks,
    );
    expect(counters.filter((c) => c.metric === 'purchases')).toEqual([]);
    expect(counters.find((c) => c.siteId === 't' && c.metric === 'revenue')?.value).toBe(1);
  });
});

import { scenarioOfRecommendation } from '../recommend/recommendation-identity.js';
import { createDayOfCache } from './utc-days.js';

/** One stored event as the statistics rollup reads it (cypher/stats/read-events-in-range). */
export interface CountedEvent {
  siteId: string;
  type: string;
  /** Event time (epoch ms): the UTC day it is counted in. */
  at: number;
  /** Null once the user was erased. */
  user: string | null;
  itemType: string | null;
  item: string | null;
  recommendationId: string | null;
  /** buy: price × quantity, when a price was sent. */
  revenue: number | null;
  currency: string | null;
  /** impression: how many items were shown. */
  itemsShown: number | null;
}

/**
 * One daily counter (a `DailyStat` node): per site, UTC day, scenario (`''` for the site as a
 * whole), metric and currency (`''` where the metric has none).
 */
export interface StatCounter {
  siteId: string;
  day: string;
  scenario: string;
  metric: string;
  currency: string;
  value: number;
}

/** A click on a recommended item, kept as (:User)-[:CLICKED_RECOMMENDATION]->(:Item). */
export interface RecommendedClick {
  siteId: string;
  user: string;
  itemType: string;
  item: string;
  at: number;
  scenario: string;
  recommendationId: string;
}

export const SITE_WIDE = '';
/** ISO 4217 "no currency": revenue of purchases sent without a currency. */
export const NO_CURRENCY = 'XXX';

/** A purchase counts for a scenario when its item was clicked in that scenario's list this long before. */
export const ATTRIBUTION_WINDOW_MS = 7 * 24 * 60 * 60_000;

export interface Attribution {
  /** The person (known user after login, else the id itself) behind a site's user id. */
  personOf(siteId: string, user: string): string;
  /** The scenario of the latest click recorded by earlier rollups, for the event at this index. */
  earlierClick(index: number): string | undefined;
}

/**
 * Adds the events of one rollup range up into daily counters: every event by type
 * (`events.<type>`) and all revenue (site-wide); per scenario (read from the recommendation id)
 * impressions, items shown and clicks; and purchases with their revenue, attributed to the scenario
 * in which the same person clicked the same item within the attribution window (a click in this
 * same range first, else one recorded by an earlier rollup). Impressions and clicks whose id this
 * service did not make count site-wide. Pure: the rollup reads the graph and writes the result.
 */
export function countEvents(
  events: readonly CountedEvent[],
  attribution: Attribution,
): { counters: StatCounter[]; clicks: RecommendedClick[] } {
  const counters = new Map<string, StatCounter>();
  const dayOfEvent = createDayOfCache();
  const add = (
    event: CountedEvent,
    scenario: string,
    metric: string,
    value: number,
    currency = '',
  ) => {
    const day = dayOfEvent(event.at);
    const key = `${event.siteId}\u0000${day}\u0000${scenario}\u0000${metric}\u0000${currency}`;
    const counter = counters.get(key);
    if (counter) counter.value += value;
    else counters.set(key, { siteId: event.siteId, day, scenario, metric, currency, value });
  };

  const clicks: RecommendedClick[] = [];
  const clicksOn = new Map<string, RecommendedClick[]>();
  for (const event of events) {
    if (event.type !== 'click_recommended' || !event.user || !event.item || !event.itemType)
      continue;
    const scenario = event.recommendationId && scenarioOfRecommendation(event.recommendationId);
    if (!scenario) continue;
    const click: RecommendedClick = {
      siteId: event.siteId,
      user: event.user,
      itemType: event.itemType,
      item: event.item,
      at: event.at,
      scenario,
      recommendationId: event.recommendationId!,
    };
    clicks.push(click);
    const key = clickKey(click.siteId, click.itemType, click.item);
    if (clicksOn.has(key)) clicksOn.get(key)!.push(click);
    else clicksOn.set(key, [click]);
  }

  events.forEach((event, index) => {
    add(event, SITE_WIDE, `events.${event.type}`, 1);
    const scenario =
      (event.recommendationId && scenarioOfRecommendation(event.recommendationId)) || SITE_WIDE;
    switch (event.type) {
      case 'impression':
        add(event, scenario, 'impressions', 1);
        add(event, scenario, 'itemsShown', event.itemsShown ?? 0);
        break;
      case 'click_recommended':
        add(event, scenario, 'clicks', 1);
        break;
      case 'buy': {
        const currency = event.currency ?? NO_CURRENCY;
        if (event.revenue !== null) add(event, SITE_WIDE, 'revenue', event.revenue, currency);
        const attributed = attributedScenario(
          event,
          index,
          clicksOn.get(clickKey(event.siteId, event.itemType, event.item)) ?? [],
          attribution,
        );
        if (attributed) {
          add(event, attributed, 'purchases', 1);
          if (event.revenue !== null) add(event, attributed, 'revenue', event.revenue, currency);
        }
        break;
      }
    }
  });
  return { counters: [...counters.values()], clicks };
}

function clickKey(siteId: string, itemType: string | null, item: string | null): string {
  return `${siteId}\u0000${itemType}\u0000${item}`;
}

/** The scenario of the latest click on the bought item (`clicks`: the range's clicks on it). */
function attributedScenario(
  buy: CountedEvent,
  index: number,
  clicks: readonly RecommendedClick[],
  attribution: Attribution,
): string | undefined {
  if (!buy.user || !buy.item) return undefined;
  const person = attribution.personOf(buy.siteId, buy.user);
  let latest: RecommendedClick | undefined;
  for (const click of clicks)
    if (
      click.siteId === buy.siteId &&
      click.item === buy.item &&
      click.itemType === buy.itemType &&
      click.at <= buy.at &&
      click.at >= buy.at - ATTRIBUTION_WINDOW_MS &&
      attribution.personOf(click.siteId, click.user) === person &&
      (!latest || click.at > latest.at)
    )
      latest = click;
  return latest?.scenario ?? attribution.earlierClick(index);
}

/** One lock order for every writer of counters (the rollup and the request counts): no deadlocks. */
export function sortCounters(counters: StatCounter[]): StatCounter[] {
  const key = (c: StatCounter) =>
    [c.siteId, c.day, c.scenario, c.metric, c.currency].join('\u0000');
  return [...counters].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

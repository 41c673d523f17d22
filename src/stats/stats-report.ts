import { EVENT_TYPES, type EventType } from '../tracking/event-schema.js';
import { SITE_WIDE } from './stats-counters.js';
import { addDays, dayOf } from './utc-days.js';

export const STATS_INTERVALS = ['day', 'week', 'month', 'total'] as const;
export type StatsInterval = (typeof STATS_INTERVALS)[number];

/** One stored daily counter (cypher/stats/read-daily-stats). */
export interface DailyStatRow {
  day: string;
  scenario: string;
  metric: string;
  currency: string;
  value: number;
}

export interface ScenarioStats {
  /** HTTP recommendation requests (304s included). */
  requests: number;
  /** Live subscriptions opened (their first list). */
  subscriptions: number;
  /** Impression events: a list shown. */
  impressions: number;
  itemsShown: number;
  clicks: number;
  /** clicks / impressions; null without impressions. */
  ctr: number | null;
  /** Purchases of an item clicked in this scenario's list in the 7 days before. */
  purchases: number;
  /** Their revenue, per currency (XXX: sent without a currency). */
  revenue: Record<string, number>;
}

export interface PeriodStats {
  /** First and last UTC day of the period (inclusive). */
  start: string;
  end: string;
  /** Stored events per type (duplicates are not events). */
  events: Record<EventType, number>;
  /** Revenue of every purchase, per currency. */
  revenue: Record<string, number>;
  scenarios: Record<string, ScenarioStats>;
  /** Impressions and clicks whose recommendation id this service did not make. */
  unattributed: { impressions: number; itemsShown: number; clicks: number };
}

export interface StatsReport {
  from: string;
  to: string;
  interval: StatsInterval;
  /** Events stored up to this time are counted (the rollup runs a minute behind); null before the first. */
  countedUntil: string | null;
  totals: PeriodStats;
  intervals: PeriodStats[];
}

/** The periods from `from` to `to` (UTC days, inclusive): ISO weeks start on Monday; both clipped. */
export function periodsOf(
  from: string,
  to: string,
  interval: StatsInterval,
): { start: string; end: string }[] {
  if (interval === 'total') return [{ start: from, end: to }];
  const periods: { start: string; end: string }[] = [];
  for (let start = from; start <= to;) {
    let next: string;
    if (interval === 'day') next = addDays(start, 1);
    else if (interval === 'week') {
      const weekday = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      next = addDays(start, 7 - weekday);
    } else {
      const date = new Date(`${start}T00:00:00Z`);
      next = dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
    }
    const end = addDays(next, -1);
    periods.push({ start, end: end < to ? end : to });
    start = next;
  }
  return periods;
}

function emptyPeriod(start: string, end: string, scenarios: readonly string[]): PeriodStats {
  return {
    start,
    end,
    events: Object.fromEntries(EVENT_TYPES.map((type) => [type, 0])) as Record<EventType, number>,
    revenue: {},
    scenarios: Object.fromEntries(
      scenarios.map((scenario) => [
        scenario,
        {
          requests: 0,
          subscriptions: 0,
          impressions: 0,
          itemsShown: 0,
          clicks: 0,
          ctr: null,
          purchases: 0,
          revenue: {},
        },
      ]),
    ),
    unattributed: { impressions: 0, itemsShown: 0, clicks: 0 },
  };
}

const SCENARIO_COUNTS = new Set([
  'requests',
  'subscriptions',
  'impressions',
  'itemsShown',
  'clicks',
  'purchases',
]);

function addRow(period: PeriodStats, row: DailyStatRow): void {
  const sum = (into: Record<string, number>, key: string) => {
    into[key] = roundMoney((into[key] ?? 0) + row.value);
  };
  if (row.scenario === SITE_WIDE) {
    if (row.metric.startsWith('events.')) {
      const type = row.metric.slice('events.'.length);
      if (type in period.events) period.events[type as EventType] += row.value;
    } else if (row.metric === 'revenue') sum(period.revenue, row.currency);
    else if (row.metric in period.unattributed)
      period.unattributed[row.metric as keyof PeriodStats['unattributed']] += row.value;
    return;
  }
  const scenario = period.scenarios[row.scenario];
  if (!scenario) return;
  if (row.metric === 'revenue') sum(scenario.revenue, row.currency);
  else if (SCENARIO_COUNTS.has(row.metric))
    scenario[row.metric as Exclude<keyof ScenarioStats, 'ctr' | 'revenue'>] += row.value;
}

/** Sums of decimal amounts: kept to a millionth, so 0.1 + 0.2 reads 0.3. */
function roundMoney(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function finish(period: PeriodStats): PeriodStats {
  for (const scenario of Object.values(period.scenarios))
    scenario.ctr =
      scenario.impressions > 0
        ? Math.round((scenario.clicks / scenario.impressions) * 1e4) / 1e4
        : null;
  return period;
}

/**
 * The answer of GET /v1/stats from a site's daily counters: totals for the whole range and one
 * entry per period, every period listing every scenario seen in the range (zeros included), so a
 * chart can be drawn from it directly.
 */
export function buildStatsReport(
  rows: readonly DailyStatRow[],
  range: { from: string; to: string; interval: StatsInterval; countedUntil: number | null },
): StatsReport {
  const scenarios = [
    ...new Set(rows.map((row) => row.scenario).filter((scenario) => scenario !== SITE_WIDE)),
  ].sort();
  const totals = emptyPeriod(range.from, range.to, scenarios);
  const intervals = periodsOf(range.from, range.to, range.interval).map(({ start, end }) =>
    emptyPeriod(start, end, scenarios),
  );
  const periodOfDay = new Map<string, PeriodStats>();
  for (const period of intervals)
    for (let day = period.start; day <= period.end; day = addDays(day, 1))
      periodOfDay.set(day, period);
  for (const row of rows) {
    const period = periodOfDay.get(row.day);
    if (!period) continue;
    addRow(totals, row);
    addRow(period, row);
  }
  return {
    from: range.from,
    to: range.to,
    interval: range.interval,
    countedUntil: range.countedUntil === null ? null : new Date(range.countedUntil).toISOString(),
    totals: finish(totals),
    intervals: intervals.map(finish),
  };
}

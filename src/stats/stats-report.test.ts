import { describe, expect, it } from 'vitest';
import { buildStatsReport, periodsOf, type DailyStatRow } from './stats-report.js';

describe('periodsOf', () => {
  it('splits a range into days, ISO weeks from Monday and calendar months, clipped to the range', () => {
    expect(periodsOf('2026-11-27', '2026-11-29', 'day')).toEqual([
      { start: '2026-11-27', end: '2026-11-27' },
      { start: '2026-11-28', end: '2026-11-28' },
      { start: '2026-11-29', end: '2026-11-29' },
    ]);
    // 2026-11-27 is a Friday
    expect(periodsOf('2026-11-27', '2026-12-09', 'week')).toEqual([
      { start: '2026-11-27', end: '2026-11-29' },
      { start: '2026-11-30', end: '2026-12-06' },
      { start: '2026-12-07', end: '2026-12-09' },
    ]);
    expect(periodsOf('2026-11-27', '2027-01-03', 'month')).toEqual([
      { start: '2026-11-27', end: '2026-11-30' },
      { start: '2026-12-01', end: '2026-12-31' },
      { start: '2027-01-01', end: '2027-01-03' },
    ]);
    expect(periodsOf('2026-11-27', '2027-01-03', 'total')).toEqual([
      { start: '2026-11-27', end: '2027-01-03' },
    ]);
    expect(periodsOf('2024-02-28', '2024-03-01', 'day')).toHaveLength(3);
  });
});

describe('buildStatsReport', () => {
  const rows: DailyStatRow[] = [
    { day: '2026-11-26', scenario: '', metric: 'events.view', currency: '', value: 5 },
    { day: '2026-11-27', scenario: '', metric: 'events.view', currency: '', value: 2 },
    { day: '2026-11-27', scenario: '', metric: 'revenue', currency: 'EUR', value: 0.1 },
    { day: '2026-11-26', scenario: '', metric: 'revenue', currency: 'EUR', value: 0.2 },
    { day: '2026-11-27', scenario: '', metric: 'clicks', currency: '', value: 1 },
    { day: '2026-11-26', scenario: 'home', metric: 'requests', currency: '', value: 10 },
    { day: '2026-11-26', scenario: 'home', metric: 'impressions', currency: '', value: 4 },
    { day: '2026-11-26', scenario: 'home', metric: 'clicks', currency: '', value: 1 },
    { day: '2026-11-27', scenario: 'home', metric: 'purchases', currency: '', value: 1 },
    { day: '2026-11-27', scenario: 'home', metric: 'revenue', currency: 'EUR', value: 30 },
    { day: '2026-11-27', scenario: 'cart', metric: 'subscriptions', currency: '', value: 3 },
  ];

  it('sums days into periods and totals, with every scenario in every period and CTR', () => {
    const report = buildStatsReport(rows, {
      from: '2026-11-26',
      to: '2026-11-27',
      interval: 'day',
      countedUntil: Date.parse('2026-11-27T12:00:00Z'),
    });
    expect(report.countedUntil).toBe('2026-11-27T12:00:00.000Z');
    expect(report.totals.events.view).toBe(7);
    expect(report.totals.events.buy).toBe(0);
    expect(report.totals.revenue).toEqual({ EUR: 0.3 });
    expect(report.totals.unattributed).toEqual({ impressions: 0, itemsShown: 0, clicks: 1 });
    expect(report.totals.scenarios.home).toEqual({
      requests: 10,
      subscriptions: 0,
      impressions: 4,
      itemsShown: 0,
      clicks: 1,
      ctr: 0.25,
      purchases: 1,
      revenue: { EUR: 30 },
    });
    expect(Object.keys(report.totals.scenarios)).toEqual(['cart', 'home']);
    expect(report.intervals.map((period) => period.start)).toEqual(['2026-11-26', '2026-11-27']);
    expect(report.intervals[1]!.scenarios.home).toMatchObject({
      requests: 0,
      ctr: null,
      purchases: 1,
    });
    expect(report.intervals[1]!.scenarios.cart!.subscriptions).toBe(3);
  });

  it('leaves out days outside the range and reports no cursor before the first rollup', () => {
    const report = buildStatsReport(rows, {
      from: '2026-11-27',
      to: '2026-11-27',
      interval: 'total',
      countedUntil: null,
    });
    expect(report.countedUntil).toBeNull();
    expect(report.totals.events.view).toBe(2);
    expect(report.intervals).toHaveLength(1);
    expect(report.intervals[0]!.events.view).toBe(2);
  });
});

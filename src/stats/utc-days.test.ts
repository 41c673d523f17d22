import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysInRange, isCalendarDay } from './utc-days.js';

describe('UTC days', () => {
  it('names the UTC day of an instant and steps across months, years and leap days', () => {
    expect(dayOf(Date.parse('2026-11-27T23:59:59.999Z'))).toBe('2026-11-27');
    expect(dayOf(Date.parse('2026-11-28T00:30:00+01:00'))).toBe('2026-11-27');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysInRange('2026-11-27', '2026-11-27')).toBe(1);
    expect(daysInRange('2026-01-01', '2026-12-31')).toBe(365);
  });

  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    for (const text of ['2026-02-29', '2026-13-01', '2026-1-01', '2026-11-27T00:00:00Z', 'today'])
      expect(isCalendarDay(text), text).toBe(false);
  });
});

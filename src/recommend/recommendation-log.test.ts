import { describe, expect, it } from 'vitest';
import { createRecommendationLog } from './recommendation-log.js';

const entry = (siteId: string) => ({ siteId, scenario: 'home', user: null, items: [], at: 0 });

describe('recommendation log', () => {
  it('finds a recommendation by id for its own site only', () => {
    const log = createRecommendationLog();
    log.record('r1', entry('s1'));
    expect(log.find('s1', 'r1')).toMatchObject({ scenario: 'home' });
    expect(log.find('s2', 'r1')).toBeUndefined();
  });

  it('drops the least recently served entry beyond its bound', () => {
    const log = createRecommendationLog(2);
    log.record('r1', entry('s'));
    log.record('r2', entry('s'));
    log.record('r1', entry('s'));
    log.record('r3', entry('s'));
    expect(log.size).toBe(2);
    expect(log.find('s', 'r2')).toBeUndefined();
    expect(log.find('s', 'r1')).toBeDefined();
  });

  it('forgets the entries served to erased users of that site only', () => {
    const log = createRecommendationLog();
    log.record('r1', { ...entry('s1'), user: 'alice' });
    log.record('r2', { ...entry('s1'), user: 'bob' });
    log.record('r3', { ...entry('s2'), user: 'alice' });
    log.record('r4', entry('s1'));
    log.forgetUsers('s1', ['alice', 'anon']);
    expect(['r1', 'r2', 'r4'].map((id) => log.find('s1', id) !== undefined)).toEqual([
      false,
      true,
      true,
    ]);
    expect(log.find('s2', 'r3')).toBeDefined();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalChangeBus } from '../changes/change-bus.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import { generateKey } from './site-keys.js';
import { createSiteService } from './site-service.js';

function createFakeExecutor(answer: () => unknown[]) {
  const calls: string[] = [];
  const executor = {
    async run(name: string) {
      calls.push(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return answer();
    },
  } as unknown as QueryExecutor;
  return { executor, calls };
}

describe('site key lookups', () => {
  afterEach(() => vi.restoreAllMocks());
  const site = { id: 'site_1', name: 'Shop', allowedOrigins: [], keyKind: 'public' };

  it('looks a key up once however many requests ask at the same time', async () => {
    const { executor, calls } = createFakeExecutor(() => [site]);
    const sites = createSiteService({ executor, changes: createLocalChangeBus() });
    const key = generateKey('public');
    const answers = await Promise.all(Array.from({ length: 20 }, () => sites.authenticate(key)));
    expect(answers.every((answer) => answer?.id === 'site_1')).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('keeps answering a valid key from the expired entry while one lookup refreshes it', async () => {
    let valid = true;
    const { executor, calls } = createFakeExecutor(() => (valid ? [site] : []));
    const sites = createSiteService({ executor, changes: createLocalChangeBus() });
    const key = generateKey('public');
    await sites.authenticate(key);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    valid = false; // revoked elsewhere: the refresh finds it gone
    expect((await sites.authenticate(key))?.id).toBe('site_1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await sites.authenticate(key)).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('forgets every key at once when keys are rotated', async () => {
    const { executor, calls } = createFakeExecutor(() => [site]);
    const changes = createLocalChangeBus();
    const sites = createSiteService({ executor, changes });
    const key = generateKey('public');
    await sites.authenticate(key);
    changes.publish({ kind: 'site-keys', siteId: 'site_1' });
    await sites.authenticate(key);
    expect(calls).toHaveLength(2);
  });
});

describe('CORS preflight origins', () => {
  it('reads the allowed origins once for any number of origins, made-up ones included', async () => {
    const { executor, calls } = createFakeExecutor(() => [
      { origins: ['https://a.example', 'https://b.example'] },
    ]);
    const sites = createSiteService({ executor, changes: createLocalChangeBus() });
    const origins = Array.from({ length: 50 }, (_, n) => `https://random-${n}.example`);
    const answers = await Promise.all(
      origins.map((origin) => sites.isOriginAllowedBySomeSite(origin)),
    );
    expect(answers.some(Boolean)).toBe(false);
    expect(await sites.isOriginAllowedBySomeSite('https://b.example')).toBe(true);
    expect(await sites.isOriginAllowedBySomeSite('https://c.example')).toBe(false);
    expect(calls).toEqual(['sites/read-allowed-origins']);
  });

  it('allows every origin when some site allows any, and reads again after a site changes', async () => {
    let origins = ['https://a.example'];
    const { executor, calls } = createFakeExecutor(() => [{ origins }]);
    const changes = createLocalChangeBus();
    const sites = createSiteService({ executor, changes });
    expect(await sites.isOriginAllowedBySomeSite('https://z.example')).toBe(false);
    origins = ['https://a.example', '*'];
    changes.publish({ kind: 'site-keys', siteId: 'site_1' });
    expect(await sites.isOriginAllowedBySomeSite('https://z.example')).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('does not answer from a read begun before a change', async () => {
    const { executor, calls } = createFakeExecutor(() => [{ origins: ['https://a.example'] }]);
    const changes = createLocalChangeBus();
    const sites = createSiteService({ executor, changes });
    const early = sites.isOriginAllowedBySomeSite('https://a.example'); // a read in flight…
    changes.publish({ kind: 'site-keys', siteId: 'site_1' }); // …when a site's origins change
    const late = sites.isOriginAllowedBySomeSite('https://a.example');
    expect(await Promise.all([early, late])).toEqual([true, true]);
    expect(calls).toHaveLength(2); // the later preflight did not join the earlier read
  });
});

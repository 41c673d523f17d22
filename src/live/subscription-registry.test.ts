import { describe, expect, it } from 'vitest';
import { createSubscriptionRegistry } from './subscription-registry.js';

const sub = (name: string, siteId = 'site-a') => ({ name, siteId });
const names = (set: Set<{ name: string }>) => [...set].map((s) => s.name).sort();

describe('createSubscriptionRegistry', () => {
  it('finds subscriptions by any of the given user ids', () => {
    const registry = createSubscriptionRegistry<ReturnType<typeof sub>>();
    registry.add(sub('anon-box'), ['anon-1'], []);
    registry.add(sub('known-box'), ['known-1'], []);
    registry.add(sub('other-box'), ['u9'], []);
    expect(names(registry.findByUsers('site-a', ['anon-1', 'known-1']))).toEqual(['anon-box', 'known-box']);
  });

  it('never finds a subscription of another site with the same user or item id', () => {
    const registry = createSubscriptionRegistry<ReturnType<typeof sub>>();
    registry.add(sub('a', 'site-a'), ['u1'], ['sku-1']);
    registry.add(sub('b', 'site-b'), ['u1'], ['sku-1']);
    expect(names(registry.findByUsers('site-b', ['u1']))).toEqual(['b']);
    expect(names(registry.findByItems('site-a', ['sku-1']))).toEqual(['a']);
    expect(registry.findByUsers('site-c', ['u1']).size).toBe(0);
  });

  it('re-indexes items when the list changes', () => {
    const registry = createSubscriptionRegistry<ReturnType<typeof sub>>();
    const box = sub('box');
    registry.add(box, ['u1'], ['ctx', 'old']);
    registry.setItems(box, ['ctx', 'new']);
    expect(registry.findByItems('site-a', ['old']).size).toBe(0);
    expect(names(registry.findByItems('site-a', ['new']))).toEqual(['box']);
    expect(names(registry.findByItems('site-a', ['ctx']))).toEqual(['box']);
  });

  it('follows added user ids (after a login)', () => {
    const registry = createSubscriptionRegistry<ReturnType<typeof sub>>();
    const box = sub('box');
    registry.add(box, ['anon-1'], []);
    registry.addUsers(box, ['anon-1', 'known-1']);
    expect(names(registry.findByUsers('site-a', ['known-1']))).toEqual(['box']);
  });

  it('forgets everything about a removed subscription and counts per site', () => {
    const registry = createSubscriptionRegistry<ReturnType<typeof sub>>();
    const box = sub('box');
    registry.add(box, ['u1'], ['sku-1']);
    registry.add(sub('other', 'site-b'), ['u1'], []);
    expect(registry.count('site-a')).toBe(1);
    registry.remove(box);
    registry.remove(box); // idempotent
    expect(registry.findByUsers('site-a', ['u1']).size).toBe(0);
    expect(registry.findByItems('site-a', ['sku-1']).size).toBe(0);
    expect(registry.count('site-a')).toBe(0);
    expect(registry.count()).toBe(1);
  });
});

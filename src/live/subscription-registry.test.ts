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
    expect(names(registry.findByUsers('site-a', ['anon-1', 'known-1']))).toEqual([
      'anon-box',
      'known-box',
    ]);
  });

  it('never finds a subscription of another site with the same user or item id', () => {
    const registry = createSubscriptionRegistry<ReturnType<typeof sub>>();
    registry.add(sub('a', 'site-a'), ['u1'], ['sku-1']);
    registry.add(sub('b', 'site-b'), ['u1'], ['sku-1']);
    expect(names(registry.findByUsers('site-b', ['u1']))).toEqual(['b']);
    expect(names(registry.findByItems('site-a', ['sku-1'], ['source']))).toEqual(['a']);
    expect(registry.findByUsers('site-c', ['u1']).size).toBe(0);
  });

  it('re-indexes items when the list changes', () => {
    const registry = createSubscriptionRegistry<ReturnType<typeof sub>>();
    const box = sub('box');
    registry.add(box, ['u1'], ['ctx']);
    registry.setItems(box, 'shown', ['old']);
    registry.setItems(box, 'shown', ['new']);
    expect(registry.findByItems('site-a', ['old'], ['source', 'shown']).size).toBe(0);
    expect(names(registry.findByItems('site-a', ['new'], ['shown']))).toEqual(['box']);
    expect(names(registry.findByItems('site-a', ['ctx'], ['source']))).toEqual(['box']);
  });

  it('finds a subscription by an item only in the roles asked for', () => {
    const registry = createSubscriptionRegistry<ReturnType<typeof sub>>();
    const box = sub('box');
    registry.add(box, ['u1'], ['ctx']);
    registry.setItems(box, 'shown', ['listed']);
    expect(registry.findByItems('site-a', ['listed'], ['source']).size).toBe(0);
    expect(registry.findByItems('site-a', ['ctx'], ['shown']).size).toBe(0);
    expect(names(registry.findByItems('site-a', ['listed', 'ctx'], ['source', 'shown']))).toEqual([
      'box',
    ]);
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
    registry.setItems(box, 'shown', ['sku-2']);
    registry.add(sub('other', 'site-b'), ['u1'], []);
    expect(registry.count('site-a')).toBe(1);
    registry.remove(box);
    registry.remove(box); // idempotent
    expect(registry.findByUsers('site-a', ['u1']).size).toBe(0);
    expect(registry.findByItems('site-a', ['sku-1', 'sku-2'], ['source', 'shown']).size).toBe(0);
    expect(registry.count('site-a')).toBe(0);
    expect(registry.count()).toBe(1);
  });
});

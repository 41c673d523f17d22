import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { writeInteractions, type InteractionRow } from '../support/recommend-fixtures.js';
import { createRecommendHarness } from '../support/recommend-harness.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';

/**
 * One catalogue, one co-view pattern around C0 (F1 > F2 > F3 > F4 > F5 > F6 by similarity), and
 * every filter of a scenario or request applied to it.
 */
describe('recommendation filters', () => {
  const graph = connectTestGraph();
  const harness = createRecommendHarness(graph);
  const siteId = uniqueSiteId('filters');
  afterAll(() => graph.close());

  beforeAll(async () => {
    const future = Date.now() + 86_400_000;
    await harness.catalog.upsertItems(siteId, [
      { type: 'product', id: 'C0', title: 'Context', categories: ['/shoes/running'] },
      {
        type: 'product',
        id: 'F1',
        title: 'One',
        price: 10,
        categories: ['/shoes/running'],
        attributes: { brand: 'Acme' },
      },
      { type: 'product', id: 'F2', title: 'Two', categories: ['/shoes/walking'] },
      { type: 'product', id: 'F3', title: 'Three', categories: ['/bags/hiking'] },
      {
        type: 'product',
        id: 'F4',
        title: 'Four',
        categories: ['/shoes/running'],
        available: false,
      },
      {
        type: 'product',
        id: 'F5',
        title: 'Five',
        categories: ['/shoes/running'],
        validFrom: future,
      },
      { type: 'article', id: 'F6', title: 'Six', categories: ['/shoes/running'] },
      { type: 'product', id: 'Q1', title: 'Unrelated', categories: ['/bags'] },
    ]);
    // F_k is co-viewed with C0 by 7 - k users who view nothing else: cosine sqrt((7 - k) / 21) falls with k.
    const rows: InteractionRow[] = [];
    ['F1', 'F2', 'F3', 'F4', 'F5', 'F6'].forEach((item, index) => {
      for (let n = 0; n < 6 - index; n += 1) {
        const user = `${item}-fan${n}`;
        rows.push(
          { user, item: 'C0', rel: 'VIEWED' },
          { user, item, rel: 'VIEWED', itemType: item === 'F6' ? 'article' : 'product' },
        );
      }
    });
    rows.push({ user: 'q', item: 'Q1', rel: 'VIEWED' });
    await writeInteractions(graph.executor, siteId, rows);
    await harness.refresher.refreshUntilClean({ siteId });
  });

  async function idsWith(
    filters: Record<string, unknown>,
    request: Record<string, unknown> = {},
    models = ['also_viewed'],
  ) {
    const id = `s-${Math.random().toString(36).slice(2, 10)}`;
    await harness.scenario(siteId, id, {
      models,
      limit: 4,
      filters: { excludeEventTypes: [], ...filters },
    });
    const answer = await harness.recommend(siteId, { scenario: id, context: ['C0'], ...request });
    return answer.items.filter((item) => item.model === models[0]).map((item) => item.id);
  }

  it('returns available and valid items only, unless the scenario says otherwise', async () => {
    expect(await idsWith({})).toEqual(['F1', 'F2', 'F3', 'F6']);
    expect(await idsWith({ availableOnly: false }, { limit: 6 })).toEqual([
      'F1',
      'F2',
      'F3',
      'F4',
      'F5',
      'F6',
    ]);
  });

  it('restricts item types', async () => {
    expect(await idsWith({ itemTypes: ['product'] })).toEqual(['F1', 'F2', 'F3']);
    expect(await idsWith({ itemTypes: ['article'] }, { itemType: 'product' })).toEqual(['F6']);
  });

  it('keeps the same category as the context, or the same top-level category', async () => {
    expect(await idsWith({ categoryMode: 'same' })).toEqual(['F1', 'F6']);
    expect(await idsWith({ categoryMode: 'context-root' })).toEqual(['F1', 'F2', 'F6']);
  });

  it('restricts to the request category and everything below it', async () => {
    expect(await idsWith({}, { category: '/bags' })).toEqual(['F3']);
    expect(await idsWith({}, { category: '/shoes' })).toEqual(['F1', 'F2', 'F6']);
  });

  it('leaves out the per-request exclude list', async () => {
    expect(await idsWith({}, { exclude: ['F1', 'F3'] })).toEqual(['F2', 'F6']);
  });

  it('leaves out the context unless excludeContext is false', async () => {
    const popularFirst = async (excludeContext: boolean) =>
      (await idsWith({ excludeContext }, {}, ['popular']))[0];
    expect(await popularFirst(true)).not.toBe('C0');
    expect(await popularFirst(false)).toBe('C0');
  });

  it('leaves out items the user interacted with in an excluded way, and hidden items always', async () => {
    await writeInteractions(graph.executor, siteId, [
      { user: 'shopper', item: 'F1', rel: 'VIEWED', markDirty: false },
      { user: 'shopper', item: 'F2', rel: 'HID' },
    ]);
    expect(await idsWith({ excludeEventTypes: ['view'] }, { user: 'shopper' })).toEqual([
      'F3',
      'F6',
    ]);
    expect(await idsWith({ excludeEventTypes: [] }, { user: 'shopper' })).toEqual([
      'F1',
      'F3',
      'F6',
    ]);
    const everywhere = await harness.recommend(siteId, {
      scenario: 'product-page',
      user: 'shopper',
      context: ['C0'],
      limit: 20,
    });
    expect(everywhere.items.map((item) => item.id)).not.toContain('F2');
  });

  it('reads a user profile again only after an event of that user arrives on the change bus', async () => {
    const viewsExcluded = () => idsWith({ excludeEventTypes: ['view'] }, { user: 'returning' });
    expect(await viewsExcluded()).toEqual(['F1', 'F2', 'F3', 'F6']);
    // Written behind the service's back: the profile read for the first answer still holds.
    await writeInteractions(graph.executor, siteId, [
      { user: 'returning', item: 'F1', rel: 'VIEWED', markDirty: false },
    ]);
    expect(await viewsExcluded()).toEqual(['F1', 'F2', 'F3', 'F6']);
    harness.changes.publish({
      kind: 'user-event',
      siteId,
      users: ['returning'],
      items: [{ type: 'product', id: 'F1' }],
      eventTypes: ['view'],
    });
    expect(await viewsExcluded()).toEqual(['F2', 'F3', 'F6']);
  });

  it('checks candidates one by one for a user with more excluded interactions than the profile lists', async () => {
    // 1,001 purchases of other items (more than MODEL_DEFAULTS.excludedLimit), then F1.
    const collection: InteractionRow[] = Array.from({ length: 1_001 }, (_, index) => ({
      user: 'collector',
      item: `G${index}`,
      itemType: 'gift',
      rel: 'BOUGHT',
      markDirty: false,
    }));
    collection.push({ user: 'collector', item: 'F1', rel: 'BOUGHT', markDirty: false });
    await writeInteractions(graph.executor, siteId, collection);
    expect(await idsWith({ excludeEventTypes: ['buy'] }, { user: 'collector' })).toEqual([
      'F2',
      'F3',
      'F6',
    ]);
    expect(await idsWith({ excludeEventTypes: [] }, { user: 'collector' })).toEqual([
      'F1',
      'F2',
      'F3',
      'F6',
    ]);
  });

  it('fills the list from the next models, ending with popular, while eligible items remain', async () => {
    await harness.scenario(siteId, 'fill', {
      models: ['also_viewed'],
      limit: 6,
      filters: { itemTypes: ['product'] },
    });
    const answer = await harness.recommend(siteId, { scenario: 'fill', context: ['C0'] });
    expect(answer.items.map((item) => [item.id, item.model])).toEqual([
      ['F1', 'also_viewed'],
      ['F2', 'also_viewed'],
      ['F3', 'also_viewed'],
      ['Q1', 'popular'],
    ]);
  });

  it('returns the scenario attributes, or the request ones', async () => {
    const answer = await harness.recommend(siteId, {
      scenario: 'product-page',
      context: ['C0'],
      limit: 1,
    });
    expect(answer.items[0]).toMatchObject({ id: 'F1', attributes: { title: 'One', price: 10 } });
    const custom = await harness.recommend(siteId, {
      scenario: 'product-page',
      context: ['C0'],
      limit: 1,
      attributes: ['brand', 'categories', 'url'],
    });
    expect(custom.items[0]!.attributes).toEqual({ brand: 'Acme', categories: ['/shoes/running'] });
  });

  it('drops an item at once when it becomes unavailable, and shows it again when it is back', async () => {
    await harness.scenario(siteId, 'stock', {
      models: ['also_viewed'],
      limit: 2,
      filters: { excludeEventTypes: [] },
    });
    expect(await harness.ids(siteId, { scenario: 'stock', context: ['C0'] })).toEqual(['F1', 'F2']);
    await harness.catalog.upsertItems(siteId, [
      { type: 'product', id: 'F1', title: 'One', categories: ['/shoes/running'], available: false },
    ]);
    expect(await harness.ids(siteId, { scenario: 'stock', context: ['C0'] })).toEqual(['F2', 'F3']);
    await harness.catalog.upsertItems(siteId, [
      {
        type: 'product',
        id: 'F1',
        title: 'One',
        categories: ['/shoes/running'],
        price: 10,
        attributes: { brand: 'Acme' },
      },
    ]);
    expect(await harness.ids(siteId, { scenario: 'stock', context: ['C0'] })).toEqual(['F1', 'F2']);
  });
});

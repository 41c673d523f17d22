import { afterAll, describe, expect, it } from 'vitest';
import {
  histories,
  writeInteractions,
  writeItems,
  type Relationship,
} from '../support/recommend-fixtures.js';
import { createRecommendHarness } from '../support/recommend-harness.js';
import { connectTestGraph, uniqueSiteId } from '../support/test-graph.js';

const DAY = 86_400_000;

/** Single-model scenarios: exact rankings of every model on small fixture graphs. */
describe('recommendation models', () => {
  const graph = connectTestGraph();
  const harness = createRecommendHarness(graph);
  afterAll(() => graph.close());

  async function singleModel(
    siteId: string,
    model: string,
    filters: Record<string, unknown> = {},
    limit = 10,
  ) {
    await harness.scenario(siteId, 'only', {
      models: [model],
      limit,
      filters: { excludeEventTypes: [], ...filters },
    });
  }

  /** Bestseller P is bought with A more often than B is, but B is the better match for A. */
  function bestsellerPattern(rel: Relationship) {
    const loners = Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`solo${n}`, ['P']]));
    return histories(rel, {
      u1: ['A', 'B'],
      u2: ['A', 'B'],
      u3: ['A', 'P'],
      u4: ['A', 'P'],
      u5: ['A', 'P'],
      u6: ['B', 'C'],
      u7: ['C'],
      ...loners,
    });
  }

  it.each([
    ['also_bought', 'BOUGHT'],
    ['also_viewed', 'VIEWED'],
    ['also_consumed', 'CONSUMED'],
  ] as const)(
    '%s ranks by normalised co-occurrence, so a bestseller does not win by popularity alone',
    async (model, rel) => {
      const siteId = uniqueSiteId(model);
      await writeInteractions(graph.executor, siteId, bestsellerPattern(rel));
      await harness.refresher.refreshUntilClean({ siteId });
      await singleModel(siteId, model, { excludeEventTypes: [] }, 2);
      const answer = await harness.recommend(siteId, { scenario: 'only', context: ['A'] });
      expect(answer.items.map((item) => [item.id, item.model, item.reason])).toEqual([
        ['B', model, { model, because: ['A'] }],
        ['P', model, { model, because: ['A'] }],
      ]);
      // Two context items: scores add up, and the reasons name the stronger one first.
      const both = await harness.recommend(siteId, { scenario: 'only', context: ['C', 'A'] });
      expect(both.items.map((item) => [item.id, item.reason.because])).toEqual([
        ['B', ['A', 'C']],
        ['P', ['A']],
      ]);
    },
  );

  it('also_bought shows a new co-occurrence on the other item too (reverse edges), after refreshing only the item that had the event', async () => {
    const siteId = uniqueSiteId('reverse');
    await writeInteractions(
      graph.executor,
      siteId,
      histories('BOUGHT', { u1: ['A', 'B'], u2: ['A', 'B'] }),
    );
    await harness.refresher.refreshUntilClean({ siteId });
    await singleModel(siteId, 'also_bought', {}, 2);
    // A's list is read (and kept in memory) before it changes.
    expect(await alsoBought(siteId, 'A')).toEqual([['B', 'also_bought']]);
    await writeInteractions(graph.executor, siteId, [
      { user: 'u3', item: 'A', rel: 'BOUGHT', markDirty: false },
      { user: 'u3', item: 'C', rel: 'BOUGHT' },
    ]);
    expect(await harness.refresher.refreshUntilClean({ siteId })).toMatchObject({ items: 1 });
    expect(await alsoBought(siteId, 'A')).toEqual([
      ['B', 'also_bought'],
      ['C', 'also_bought'],
    ]);
    expect(await alsoBought(siteId, 'C')).toEqual([
      ['A', 'also_bought'],
      ['B', 'popular'],
    ]);
  });

  it('announces only the items whose lists the refresh rewrote, and the site even when none moved', async () => {
    const siteId = uniqueSiteId('announce');
    await writeInteractions(
      graph.executor,
      siteId,
      histories('BOUGHT', { u1: ['A', 'B'], u2: ['A', 'B'] }),
    );
    await harness.refresher.refreshUntilClean({ siteId });
    const similarityChanges = () =>
      harness.published.filter(
        (change) => change.kind === 'similarity' && change.siteId === siteId,
      );
    expect(
      similarityChanges()
        .flatMap((change) =>
          change.kind === 'similarity' ? change.items.map((item) => item.id) : [],
        )
        .sort(),
    ).toEqual(['A', 'B']);
    const before = similarityChanges().length;
    // u1 buys A again: the same co-occurrence, so every list stays as written
    await writeInteractions(graph.executor, siteId, [{ user: 'u1', item: 'A', rel: 'BOUGHT' }]);
    expect(await harness.refresher.refreshUntilClean({ siteId })).toMatchObject({
      items: 1,
      changed: 0,
    });
    expect(similarityChanges().slice(before)).toEqual([{ kind: 'similarity', siteId, items: [] }]);
  });

  it('names a neighbour whose list changed although only the other item was dirty', async () => {
    const siteId = uniqueSiteId('announce-neighbour');
    await writeInteractions(
      graph.executor,
      siteId,
      histories('BOUGHT', { u1: ['A', 'B'], u2: ['A', 'B'] }),
    );
    await harness.refresher.refreshUntilClean({ siteId });
    const before = harness.published.length;
    // u3 buys only A: A alone is dirty, and the A-B score (shared by both lists) drops to 0.82
    await writeInteractions(graph.executor, siteId, [{ user: 'u3', item: 'A', rel: 'BOUGHT' }]);
    // (B is not dirty unless another test's refresher read it mid-way: items is not asserted)
    expect(await harness.refresher.refreshUntilClean({ siteId })).toMatchObject({ changed: 2 });
    const announced = harness.published
      .slice(before)
      .flatMap((change) =>
        change.kind === 'similarity' && change.siteId === siteId ? change.items : [],
      );
    expect(announced.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { type: 'product', id: 'A' },
      { type: 'product', id: 'B' },
    ]);
  });

  async function alsoBought(siteId: string, context: string) {
    const answer = await harness.recommend(siteId, { scenario: 'only', context: [context] });
    return answer.items.map((item) => [item.id, item.model]);
  }

  it('ignores users with huge histories when computing co-occurrence (robots do not link everything)', async () => {
    const siteId = uniqueSiteId('robot');
    const robotItems = ['A', 'Z', ...Array.from({ length: 1_000 }, (_, n) => `x${n}`)];
    await writeInteractions(graph.executor, siteId, [
      ...histories('VIEWED', { u1: ['A', 'B'], u2: ['A', 'B'] }),
      ...robotItems.map((item) => ({
        user: 'robot',
        item,
        rel: 'VIEWED' as const,
        markDirty: item === 'A',
      })),
    ]);
    await harness.refresher.refreshUntilClean({ siteId });
    await singleModel(siteId, 'also_viewed', {}, 1);
    const answer = await harness.recommend(siteId, { scenario: 'only', context: ['A'], limit: 5 });
    expect(
      answer.items.filter((item) => item.model === 'also_viewed').map((item) => item.id),
    ).toEqual(['B']);
  });

  it('personalized expands the user history through similarity, weighting a purchase above a view', async () => {
    const siteId = uniqueSiteId('personalized');
    await writeInteractions(graph.executor, siteId, [
      ...histories('VIEWED', {
        v1: ['A', 'B'],
        v2: ['A', 'B'],
        v3: ['A', 'C'],
        v4: ['B', 'D'],
        w1: ['X', 'M'],
        w2: ['Y', 'N'],
      }),
      ...histories('VIEWED', { t: ['A'], t2: ['X'] }),
      ...histories('BOUGHT', { t2: ['Y'] }),
    ]);
    await harness.refresher.refreshUntilClean({ siteId });
    await singleModel(siteId, 'personalized', { excludeEventTypes: ['view', 'buy'] }, 2);
    const answer = await harness.recommend(siteId, { scenario: 'only', user: 't' });
    expect(answer.items.map((item) => [item.id, item.model, item.reason])).toEqual([
      ['B', 'personalized', { model: 'personalized', because: ['A'] }],
      ['C', 'personalized', { model: 'personalized', because: ['A'] }],
    ]);
    expect(await harness.ids(siteId, { scenario: 'only', user: 't2' })).toEqual(['N', 'M']);
  });

  it('personalized never returns a hidden item and pushes its neighbours down', async () => {
    const siteId = uniqueSiteId('hidden');
    await writeInteractions(graph.executor, siteId, [
      ...histories('VIEWED', { v1: ['A', 'B'], v2: ['A', 'B'], v3: ['A', 'C'], t: ['A'] }),
      { user: 't', item: 'B', rel: 'HID' },
    ]);
    await harness.refresher.refreshUntilClean({ siteId });
    await singleModel(siteId, 'personalized', { excludeEventTypes: ['view'] }, 5);
    const ids = await harness.ids(siteId, { scenario: 'only', user: 't' });
    expect(ids[0]).toBe('C');
    expect(ids).not.toContain('B');
  });

  it('popular ranks weighted users in the last 7 days, then all-time weight', async () => {
    const siteId = uniqueSiteId('popular');
    const now = Date.now();
    await writeInteractions(graph.executor, siteId, [
      ...histories('VIEWED', { a: ['P1'], b: ['P1'], c: ['P1', 'P3'], d: ['P3'] }),
      ...histories('BOUGHT', { e: ['P2'] }),
      { user: 'f', item: 'P4', rel: 'VIEWED', at: now - 30 * DAY },
      { user: 'g', item: 'P4', rel: 'VIEWED', at: now - 31 * DAY },
    ]);
    await harness.refresher.refreshUntilClean({ siteId });
    await singleModel(siteId, 'popular');
    const answer = await harness.recommend(siteId, { scenario: 'only' });
    expect(answer.items.map((item) => [item.id, item.model, item.score])).toEqual([
      ['P2', 'popular', 5 + Number((5 / 6).toFixed(6))],
      ['P1', 'popular', 3.75],
      ['P3', 'popular', Number((2 + 2 / 3).toFixed(6))],
      ['P4', 'popular', Number((2 / 3).toFixed(6))],
    ]);
  });

  it('trending ranks growth over the previous 7 days', async () => {
    const siteId = uniqueSiteId('trending');
    const now = Date.now();
    const old = now - 10 * DAY;
    await writeInteractions(graph.executor, siteId, [
      ...histories('VIEWED', {
        a: ['T1', 'T3'],
        b: ['T1'],
        c: ['T1'],
        d: ['T1'],
        e: ['T2'],
        f: ['T2'],
      }),
      ...histories('VIEWED', { g: ['T2'], h: ['T2'], i: ['T2'], j: ['T2'] }, { at: old }),
    ]);
    await harness.refresher.refreshUntilClean({ siteId });
    await singleModel(siteId, 'trending');
    const answer = await harness.recommend(siteId, { scenario: 'only', limit: 2 });
    expect(answer.items.map((item) => [item.id, item.model, item.score])).toEqual([
      ['T1', 'trending', 4],
      ['T3', 'trending', 1],
    ]);
  });

  it('new ranks the most recently added items, and popular falls back to them on a site without interactions', async () => {
    const siteId = uniqueSiteId('new');
    await writeItems(graph.executor, siteId, [
      { id: 'N3', createdAt: 1_000 },
      { id: 'N1', createdAt: 3_000 },
      { id: 'N2', createdAt: 2_000 },
    ]);
    await singleModel(siteId, 'new');
    expect(await harness.ids(siteId, { scenario: 'only' })).toEqual(['N1', 'N2', 'N3']);
    const home = await harness.recommend(siteId, { scenario: 'home', user: 'nobody' });
    expect(home.items.map((item) => [item.id, item.model, item.reason.model])).toEqual([
      ['N1', 'popular', 'new'],
      ['N2', 'popular', 'new'],
      ['N3', 'popular', 'new'],
    ]);
  });

  it('similar_content ranks items by shared categories and attributes', async () => {
    const siteId = uniqueSiteId('content');
    await harness.catalog.upsertItems(siteId, [
      {
        type: 'product',
        id: 'S0',
        categories: ['/shoes/running'],
        attributes: { brand: 'Acme', color: 'red' },
      },
      {
        type: 'product',
        id: 'S1',
        categories: ['/shoes/running'],
        attributes: { brand: 'Acme', color: 'red' },
      },
      {
        type: 'product',
        id: 'S2',
        categories: ['/shoes/running'],
        attributes: { brand: 'Acme', color: 'blue' },
      },
      { type: 'product', id: 'S3', categories: ['/shoes/walking'], attributes: { brand: 'Acme' } },
      { type: 'product', id: 'S4', categories: ['/shoes/trail'] },
      {
        type: 'product',
        id: 'S5',
        categories: ['/bags'],
        attributes: { brand: 'Other', color: 'green' },
      },
    ]);
    await singleModel(siteId, 'similar_content', {}, 4);
    const answer = await harness.recommend(siteId, { scenario: 'only', context: ['S0'] });
    expect(answer.items.map((item) => [item.id, item.model, item.reason.because])).toEqual([
      ['S1', 'similar_content', ['S0']],
      ['S2', 'similar_content', ['S0']],
      ['S3', 'similar_content', ['S0']],
      ['S4', 'similar_content', ['S0']],
    ]);
  });

  it('ultimately_bought ranks what viewers of the context bought afterwards, damping bestsellers', async () => {
    const siteId = uniqueSiteId('ultimately');
    const now = Date.now();
    await writeInteractions(graph.executor, siteId, [
      ...histories('VIEWED', { v1: ['X'], v2: ['X'], v3: ['X'], v4: ['X'] }, { at: now - DAY }),
      ...histories('BOUGHT', { v1: ['Y'], v2: ['Y'], v3: ['Z'], o1: ['Z'], o2: ['Z'], o3: ['Z'] }),
      { user: 'v4', item: 'W', rel: 'BOUGHT', at: now - 2 * DAY },
    ]);
    await singleModel(siteId, 'ultimately_bought', {}, 2);
    const answer = await harness.recommend(siteId, { scenario: 'only', context: ['X'] });
    expect(answer.items.map((item) => [item.id, item.model, item.reason.because])).toEqual([
      ['Y', 'ultimately_bought', ['X']],
      ['Z', 'ultimately_bought', ['X']],
    ]);
    expect(answer.items[0]!.score).toBeCloseTo(2 / Math.sqrt(8), 5);
    expect(answer.items[1]!.score).toBeCloseTo(1 / Math.sqrt(16), 5);
  });

  it('recently_viewed lists the user own views, most recent first', async () => {
    const siteId = uniqueSiteId('recent');
    const now = Date.now();
    await writeInteractions(graph.executor, siteId, [
      { user: 't', item: 'R1', rel: 'VIEWED', at: now - 3 * 3_600_000 },
      { user: 't', item: 'R2', rel: 'VIEWED', at: now - 3_600_000 },
      { user: 't', item: 'R3', rel: 'VIEWED', at: now - 2 * 3_600_000 },
      { user: 'other', item: 'R4', rel: 'VIEWED', at: now },
    ]);
    await singleModel(siteId, 'recently_viewed', {}, 3);
    expect(await harness.ids(siteId, { scenario: 'only', user: 't' })).toEqual(['R2', 'R3', 'R1']);
  });

  it('recently_viewed leaves out the views of items the user interacted with in an excluded way', async () => {
    const siteId = uniqueSiteId('recent-excluded');
    const now = Date.now();
    await writeInteractions(graph.executor, siteId, [
      { user: 't', item: 'R1', rel: 'VIEWED', at: now - 4 * 3_600_000 },
      { user: 't', item: 'R2', rel: 'VIEWED', at: now - 3 * 3_600_000 },
      { user: 't', item: 'R3', rel: 'VIEWED', at: now - 2 * 3_600_000 },
      { user: 't', item: 'R4', rel: 'VIEWED', at: now - 3_600_000 },
      { user: 't', item: 'R2', rel: 'HID', at: now },
      { user: 't', item: 'R3', rel: 'BOUGHT', at: now },
    ]);
    await singleModel(siteId, 'recently_viewed', { excludeEventTypes: ['hide', 'buy'] }, 4);
    expect(await harness.ids(siteId, { scenario: 'only', user: 't' })).toEqual(['R4', 'R1']);
    await singleModel(siteId, 'recently_viewed', { excludeEventTypes: ['hide'] }, 4);
    expect(await harness.ids(siteId, { scenario: 'only', user: 't' })).toEqual(['R4', 'R3', 'R1']);
  });

  it('resolves a user merged at login to the known user history', async () => {
    const siteId = uniqueSiteId('merged');
    await writeInteractions(graph.executor, siteId, [{ user: 'known', item: 'R1', rel: 'VIEWED' }]);
    await graph.executor.runText(
      'MATCH (k:User {siteId: $siteId, id: "known"}) CREATE (:User {siteId: $siteId, id: "anon"})-[:MERGED_INTO]->(k)',
      { siteId },
    );
    await singleModel(siteId, 'recently_viewed', {}, 1);
    expect(await harness.ids(siteId, { scenario: 'only', user: 'anon' })).toEqual(['R1']);
  });
});

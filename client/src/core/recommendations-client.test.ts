import { describe, expect, it } from 'vitest';
import { RecographError } from './http.js';
import { createRecommendationsClient } from './recommendations-client.js';
import { createFakeFetch, type ScriptedAnswer } from './testing/fake-fetch.js';

const answer = (recommendationId: string, ids: string[]) => ({
  recommendationId,
  scenario: 'product-page',
  items: ids.map((id) => ({
    id,
    type: 'product',
    score: 1,
    model: 'also_bought',
    reason: { model: 'also_bought' },
    attributes: { title: id },
  })),
});

function setup(script: ScriptedAnswer[]) {
  const fetch = createFakeFetch(script);
  const recommend = createRecommendationsClient({
    endpoint: 'https://reco.test/api/',
    siteKey: 'pk_test',
    fetch,
  });
  return { fetch, recommend };
}

describe('createRecommendationsClient', () => {
  it('asks for the scenario with the user, context and options in the query, and the key as a bearer token', async () => {
    const { fetch, recommend } = setup([{ status: 200, body: answer('r1', ['b']) }]);
    await recommend('product page', {
      user: 'u 1',
      context: ['sku-1', 'sku-2'],
      limit: 4,
      exclude: 'sku-9',
      attributes: ['title', 'price'],
    });
    expect(fetch.requests[0]?.url).toBe(
      'https://reco.test/api/v1/recommendations/product%20page?user=u%201&context=sku-1%2Csku-2&limit=4&exclude=sku-9&attributes=title%2Cprice',
    );
    expect(fetch.requests[0]?.headers).toEqual({
      Authorization: 'Bearer pk_test',
      Accept: 'application/json',
    });
  });

  it('revalidates with If-None-Match and keeps the previous list and id on a 304', async () => {
    const { fetch, recommend } = setup([
      { status: 200, body: answer('r1', ['b', 'c']), headers: { ETag: '"list-1"' } },
      { status: 304 },
    ]);
    const first = await recommend('product-page', { user: 'u', context: 'sku-1' });
    const second = await recommend('product-page', { user: 'u', context: 'sku-1' });
    expect(fetch.requests[1]?.headers['If-None-Match']).toBe('"list-1"');
    expect(second).toEqual(first);
    expect(second.recommendationId).toBe('r1');
  });

  it('takes the new list when the ranked list changed', async () => {
    const { recommend } = setup([
      { status: 200, body: answer('r1', ['b']), headers: { ETag: '"list-1"' } },
      { status: 200, body: answer('r2', ['c']), headers: { ETag: '"list-2"' } },
    ]);
    await recommend('home', { user: 'u' });
    expect((await recommend('home', { user: 'u' })).items.map((item) => item.id)).toEqual(['c']);
  });

  it('revalidates each distinct request with its own ETag', async () => {
    const { fetch, recommend } = setup([
      { status: 200, body: answer('r1', ['b']), headers: { ETag: '"for-u1"' } },
      { status: 200, body: answer('r2', ['c']), headers: { ETag: '"for-u2"' } },
      { status: 304 },
    ]);
    await recommend('home', { user: 'u1' });
    await recommend('home', { user: 'u2' });
    expect((await recommend('home', { user: 'u1' })).recommendationId).toBe('r1');
    expect(fetch.requests[2]?.headers['If-None-Match']).toBe('"for-u1"');
  });

  it('throws a RecographError with the problem code on an error answer', async () => {
    const { recommend } = setup([
      { status: 404, body: { code: 'SCENARIO_NOT_FOUND', detail: 'No scenario nope' } },
    ]);
    const error = await recommend('nope', { user: 'u' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RecographError);
    expect(error).toMatchObject({ code: 'SCENARIO_NOT_FOUND', status: 404 });
  });

  it('throws NETWORK_ERROR when the request cannot be made', async () => {
    const { recommend } = setup([{ networkError: true }]);
    await expect(recommend('home', { user: 'u' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

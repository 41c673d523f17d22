import { describe, expect, it } from 'vitest';
import {
  TIMESTAMP_POLICY,
  validateEvent,
  validateEvents,
  type PreparedEvent,
} from './validate-events.js';

const now = Date.parse('2025-06-01T12:00:00Z');
const id = '0b5e8a2c-1d3f-4e5a-8b6c-7d8e9f0a1b2c';
const context = { keyKind: 'public' as const, now };

function prepared(raw: unknown, keyKind: 'public' | 'secret' = 'public'): PreparedEvent {
  const outcome = validateEvent(raw, 0, { keyKind, now });
  if ('code' in outcome) throw new Error(`rejected: ${outcome.detail}`);
  return outcome;
}

describe('validateEvents', () => {
  it('accepts every event type of the specification with its fields', () => {
    const events = [
      { id, type: 'view', user: 'u', item: 'i', categoryPath: '/a/b' },
      { id, type: 'consume', user: 'u', item: 'i', percent: 55.5 },
      { id, type: 'basket', user: 'u', item: 'i' },
      { id, type: 'unbasket', user: 'u', item: 'i', quantity: 2 },
      { id, type: 'buy', user: 'u', item: 'i', quantity: 1, price: 9.5, currency: 'EUR' },
      { id, type: 'rate', user: 'u', item: 'i', rating: 0 },
      { id, type: 'hide', user: 'u', item: 'i' },
      {
        id,
        type: 'impression',
        user: 'u',
        items: ['a', { id: 'b', type: 'article' }],
        recommendationId: 'r',
      },
      { id, type: 'click_recommended', user: 'u', item: 'i', recommendationId: 'r' },
      { id, type: 'login', user: 'u', knownUser: 'k' },
    ];
    const { prepared: ok, rejected } = validateEvents(events, context);
    expect(rejected).toEqual([]);
    expect(ok.map((event) => event.event.type)).toEqual(events.map((event) => event.type));
  });

  it('names the index, the field and the code of each rejected event', () => {
    const { prepared: ok, rejected } = validateEvents(
      [
        { id, type: 'rate', user: 'u', item: 'i', rating: 101 },
        { id, type: 'view', user: 'u', item: 'i' },
        { id, type: 'teleport', user: 'u' },
        null,
      ],
      context,
    );
    expect(ok.map((event) => event.index)).toEqual([1]);
    expect(rejected.map(({ index, code, field }) => ({ index, code, field }))).toEqual([
      { index: 0, code: 'VALIDATION_FAILED', field: 'events/0/rating' },
      { index: 2, code: 'VALIDATION_FAILED', field: 'events/2/type' },
      { index: 3, code: 'VALIDATION_FAILED', field: 'events/3' },
    ]);
  });

  it.each([
    ['a buy without quantity', { type: 'buy', quantity: undefined }, 'quantity'],
    ['a fractional quantity', { type: 'basket', quantity: 1.5 }, 'quantity'],
    ['a negative price', { type: 'buy', quantity: 1, price: -1 }, 'price'],
    ['a lower-case currency', { type: 'buy', quantity: 1, currency: 'eur' }, 'currency'],
    ['a percent above 100', { type: 'consume', percent: 100.1 }, 'percent'],
    ['a missing item', { type: 'view', item: undefined }, 'item'],
    ['an empty user', { type: 'view', user: '' }, 'user'],
    ['an id that is not a UUID', { type: 'view', id: 'abc' }, 'id'],
    ['a zoneless timestamp', { type: 'view', timestamp: '2025-06-01T11:00:00' }, 'timestamp'],
    [
      'an impression without items',
      { type: 'impression', items: [], recommendationId: 'r' },
      'items',
    ],
    ['a click without recommendation id', { type: 'click_recommended' }, 'recommendationId'],
    ['a login without known user', { type: 'login' }, 'knownUser'],
  ])('rejects %s', (_name, fields, field) => {
    const outcome = validateEvent({ id, user: 'u', item: 'i', ...fields }, 4, context);
    expect(outcome).toMatchObject({
      index: 4,
      code: 'VALIDATION_FAILED',
      field: `events/4/${field}`,
    });
  });

  it('clamps a timestamp more than 5 minutes ahead to the time received, and keeps one within tolerance', () => {
    expect(
      prepared({
        id,
        type: 'view',
        user: 'u',
        item: 'i',
        timestamp: now + TIMESTAMP_POLICY.futureToleranceMs + 1,
      }).at,
    ).toBe(now);
    expect(prepared({ id, type: 'view', user: 'u', item: 'i', timestamp: now + 60_000 }).at).toBe(
      now + 60_000,
    );
    expect(prepared({ id, type: 'view', user: 'u', item: 'i' }).at).toBe(now);
    expect(
      prepared({ id, type: 'view', user: 'u', item: 'i', timestamp: '2025-06-01T13:00:00+02:00' })
        .at,
    ).toBe(now - 3_600_000);
  });

  it('needs the secret key for events older than 24 hours', () => {
    const old = {
      id,
      type: 'view',
      user: 'u',
      item: 'i',
      timestamp: now - TIMESTAMP_POLICY.historicAfterMs - 1,
    };
    expect(validateEvent(old, 2, context)).toMatchObject({
      code: 'HISTORIC_IMPORT_NEEDS_SECRET_KEY',
      field: 'events/2/timestamp',
    });
    expect(prepared(old, 'secret').at).toBe(old.timestamp);
  });

  it('hashes what the client sent: equal for a retry, different for another payload', () => {
    const event = { id, type: 'view', user: 'u', item: 'i' };
    const first = prepared(event);
    expect(validateEvent(event, 0, { keyKind: 'public', now: now + 1000 })).toMatchObject({
      payloadHash: first.payloadHash,
      at: now + 1000,
    });
    expect(
      prepared({
        item: 'i',
        user: 'u',
        type: 'view',
        id: id.toUpperCase(),
        itemType: 'product',
        extra: 1,
      }).payloadHash,
    ).toBe(first.payloadHash);
    expect(prepared({ ...event, item: 'j' }).payloadHash).not.toBe(first.payloadHash);
    const iso = prepared({ ...event, timestamp: '2025-06-01T11:00:00Z' });
    expect(prepared({ ...event, timestamp: now - 3_600_000 }).payloadHash).toBe(iso.payloadHash);
  });

  it('stores numeric item ids as strings', () => {
    expect(prepared({ id, type: 'view', user: 'u', item: 42 }).event).toMatchObject({
      item: '42',
      itemType: 'product',
    });
  });
});

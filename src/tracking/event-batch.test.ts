import { describe, expect, it } from 'vitest';
import { assertSomethingAccepted, readEventBatch } from './event-batch.js';

describe('readEventBatch', () => {
  it('returns the events of a batch of 1 to 500', () => {
    expect(readEventBatch({ events: [1, 2] })).toEqual([1, 2]);
    expect(readEventBatch({ events: new Array(500).fill({}) })).toHaveLength(500);
  });

  it.each([[null], [[]], ['text'], [{}], [{ events: {} }], [{ events: [] }]])(
    'refuses %j as a wholly invalid body',
    (body) => {
      expect(() => readEventBatch(body)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    },
  );

  it('refuses more than 500 events as too large', () => {
    expect(() => readEventBatch({ events: new Array(501).fill({}) })).toThrow(
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', field: 'events' }),
    );
  });
});

describe('assertSomethingAccepted', () => {
  const reused = { index: 0, code: 'EVENT_ID_REUSED', field: 'events/0/id', detail: 'reused' };
  const invalid = { index: 1, code: 'VALIDATION_FAILED', field: 'events/1/rating', detail: 'bad' };

  it('lets a batch through when something was stored or was already', () => {
    expect(() =>
      assertSomethingAccepted({ accepted: 0, duplicates: 1, rejected: [reused] }),
    ).not.toThrow();
    expect(() =>
      assertSomethingAccepted({ accepted: 1, duplicates: 0, rejected: [invalid] }),
    ).not.toThrow();
  });

  it('answers a wholly rejected batch with the common code, or VALIDATION_FAILED, listing every rejection', () => {
    expect(() =>
      assertSomethingAccepted({ accepted: 0, duplicates: 0, rejected: [reused] }),
    ).toThrow(
      expect.objectContaining({
        code: 'EVENT_ID_REUSED',
        field: 'events/0/id',
        extensions: { accepted: 0, duplicates: 0, rejected: [reused] },
      }),
    );
    expect(() =>
      assertSomethingAccepted({ accepted: 0, duplicates: 0, rejected: [reused, invalid] }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

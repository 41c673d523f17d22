import { describe, expect, it } from 'vitest';
import { hashPayload, toCanonicalJson } from './payload-hash.js';

describe('toCanonicalJson and hashPayload', () => {
  it('ignores key order and undefined members at every level', () => {
    expect(toCanonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(hashPayload({ a: 1, b: 2 })).toBe(hashPayload({ b: 2, a: 1 }));
  });

  it('tells different payloads apart', () => {
    expect(hashPayload({ a: 1 })).not.toBe(hashPayload({ a: '1' }));
    expect(hashPayload({ a: [1, 2] })).not.toBe(hashPayload({ a: [2, 1] }));
    expect(hashPayload({ a: 1 })).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('gives the fingerprints stored by earlier versions (a retry of an old event is a duplicate)', () => {
    expect(
      hashPayload({
        id: 'e-1',
        type: 'buy',
        user: 'u',
        items: [{ b: 2, a: 1 }],
        price: 9.5,
        note: 'é',
      }),
    ).toBe('OaiF0_tWLKLOEFV9Gp4iEi');
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { parseClientMessage, toErrorMessage } from './live-messages.js';

const parse = (value: unknown) =>
  parseClientMessage(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseClientMessage', () => {
  it('accepts a complete subscribe message', () => {
    const parsed = parse({
      type: 'subscribe',
      id: 'box-1',
      scenario: 'product-page',
      user: 'u1',
      context: ['sku-1'],
      limit: 6,
      exclude: ['sku-2'],
    });
    expect(parsed).toEqual({
      ok: true,
      message: {
        type: 'subscribe',
        id: 'box-1',
        scenario: 'product-page',
        user: 'u1',
        context: ['sku-1'],
        limit: 6,
        exclude: ['sku-2'],
      },
    });
  });

  it('accepts integer ids and drops unknown fields', () => {
    const parsed = parse({ type: 'unsubscribe', id: 7, extra: true });
    expect(parsed).toEqual({ ok: true, message: { type: 'unsubscribe', id: 7 } });
  });

  it('names the offending field and echoes the id', () => {
    const parsed = parse({
      type: 'subscribe',
      id: 'box-1',
      scenario: 'home',
      user: 'u1',
      limit: 1000,
    });
    expect(parsed).toMatchObject({
      ok: false,
      error: { type: 'error', id: 'box-1', code: 'VALIDATION_FAILED', field: 'limit' },
    });
  });

  it('names a nested field by its path', () => {
    const parsed = parse({
      type: 'subscribe',
      id: 'b',
      scenario: 'home',
      user: 'u1',
      context: ['ok', ''],
    });
    expect(parsed).toMatchObject({ ok: false, error: { field: 'context/1' } });
  });

  it('requires the user of a subscription', () => {
    expect(parse({ type: 'subscribe', id: 'b', scenario: 'home' })).toMatchObject({
      ok: false,
      error: { field: 'user' },
    });
  });

  it('refuses an unknown type, naming the type field', () => {
    const parsed = parse({ type: 'subscribe-all', id: 3 });
    expect(parsed).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'type', id: 3 },
    });
    if (!parsed.ok) expect(parsed.error.detail).toContain('subscribe, unsubscribe, track');
  });

  it('refuses invalid JSON and non-objects', () => {
    expect(parse('{"type": ')).toMatchObject({ ok: false, error: { code: 'INVALID_JSON' } });
    expect(parse([1, 2])).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: '' },
    });
    expect(parse('null')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('requires one to 500 events in a track message', () => {
    expect(parse({ type: 'track', events: [] })).toMatchObject({
      ok: false,
      error: { field: 'events' },
    });
    expect(parse({ type: 'track', id: 'm1', events: [{ any: 'thing' }] })).toMatchObject({
      ok: true,
      message: { id: 'm1', events: [{ any: 'thing' }] },
    });
  });
});

describe('toErrorMessage', () => {
  it('hides the message of an unexpected error', () => {
    const message = toErrorMessage(new Error('bolt://secret-host failed'), 'x');
    expect(message).toEqual({
      type: 'error',
      id: 'x',
      code: 'INTERNAL_ERROR',
      detail: expect.not.stringContaining('secret'),
    });
  });

  it('keeps the code, detail and field of an AppError', () => {
    const message = toErrorMessage(
      new AppError('SCENARIO_NOT_FOUND', 'No scenario "x".', { field: 'scenario' }),
    );
    expect(message).toEqual({
      type: 'error',
      code: 'SCENARIO_NOT_FOUND',
      detail: 'No scenario "x".',
      field: 'scenario',
    });
  });
});

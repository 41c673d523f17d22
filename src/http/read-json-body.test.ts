import { Readable } from 'node:stream';
import type { Context } from 'koa';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from './read-json-body.js';

/** A request whose body arrives in `chunks`; `abort` ends it early as a client that goes away. */
function contextOf(chunks: string[], options: { abort?: boolean } = {}) {
  const request = new Readable({ read() {} });
  setImmediate(() => {
    for (const chunk of chunks) request.push(Buffer.from(chunk));
    if (options.abort) request.destroy();
    else request.push(null);
  });
  const ctx = {
    request: { type: 'application/json' },
    get: () => '',
    req: request,
  } as unknown as Context;
  return { ctx, request };
}

describe('readJsonBody', () => {
  it('parses a body that arrives in several chunks', async () => {
    const { ctx } = contextOf(['{"events":', '[{"id":"é"}]', '}']);
    await expect(readJsonBody(ctx, { limitBytes: 100 })).resolves.toEqual({
      events: [{ id: 'é' }],
    });
  });

  it('reads an oversized body to its end, then answers 413', async () => {
    const { ctx, request } = contextOf(['{"a":"', 'x'.repeat(150), '"}']);
    await expect(readJsonBody(ctx, { limitBytes: 100 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(request.readableEnded).toBe(true);
  });

  it('stops reading a far larger body at once', async () => {
    const { ctx, request } = contextOf(['x'.repeat(60), 'x'.repeat(400), 'x'.repeat(60)]);
    await expect(readJsonBody(ctx, { limitBytes: 100 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(request.readableEnded).toBe(false);
    expect(request.destroyed).toBe(true);
  });

  it('fails, rather than waiting for ever, when the client goes away mid-body', async () => {
    const { ctx } = contextOf(['{"a":'], { abort: true });
    await expect(readJsonBody(ctx, { limitBytes: 100 })).rejects.toThrow(/closed the connection/);
  });
});

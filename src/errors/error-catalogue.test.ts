import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from './error-catalogue.js';

describe('the error catalogue', () => {
  it('matches the table in docs/api.md code for code and status for status', () => {
    const docs = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const table = docs
      .split('<!-- error-codes:start -->')[1]!
      .split('<!-- error-codes:end -->')[0]!;
    const rows = [...table.matchAll(/^\| `([A-Z0-9_]+)` \| (\d{3}) \|/gm)];
    expect(table).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    expect(new Set(rows.map((row) => row[1])).size).toBe(rows.length);
    const documented = Object.fromEntries(rows.map((match) => [match[1], Number(match[2])]));
    const catalogue = Object.fromEntries(
      Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry.status]),
    );
    expect(documented).toEqual(catalogue);
  });

  it('uses only client or server error statuses', () => {
    for (const entry of Object.values(ERROR_CATALOGUE))
      expect(entry.status).toBeGreaterThanOrEqual(400);
  });
});

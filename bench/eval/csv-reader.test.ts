import { describe, expect, it } from 'vitest';
import {
  CsvFormatError,
  parseInteractionsCsv,
  parseTimestamp,
  splitCsvLine,
} from './csv-reader.js';

describe('parseInteractionsCsv', () => {
  it('reads MovieLens-style columns with epoch-second timestamps', () => {
    const rows = parseInteractionsCsv(
      'userId,movieId,rating,timestamp\n196,242,3,881250949\n186,302,3.5,891717742\n',
    );
    expect(rows).toEqual([
      { user: '196', item: '242', rating: 3, timestamp: 881250949000 },
      { user: '186', item: '302', rating: 3.5, timestamp: 891717742000 },
    ]);
  });

  it('accepts user_id and item_id columns in any order and case, without rating or timestamp', () => {
    const rows = parseInteractionsCsv('Item_Id,extra,USER_ID\r\nsku-1,x,alice\r\n\r\nsku-2,y,bob');
    expect(rows).toEqual([
      { user: 'alice', item: 'sku-1' },
      { user: 'bob', item: 'sku-2' },
    ]);
  });

  it('reads ISO 8601 timestamps, quoted fields and semicolon-separated files', () => {
    const rows = parseInteractionsCsv(
      'user;item;timestamp\n"a;b";"say ""hi""";2024-05-01T10:00:00Z\n',
    );
    expect(rows).toEqual([
      { user: 'a;b', item: 'say "hi"', timestamp: Date.parse('2024-05-01T10:00:00Z') },
    ]);
  });

  it('refuses a header without a user or item column', () => {
    expect(() => parseInteractionsCsv('customer,itemId\n1,2')).toThrow(/no user column/);
    expect(() => parseInteractionsCsv('userId,product\n1,2')).toThrow(/no item column/);
  });

  it('names the line of a row with a bad rating or timestamp', () => {
    expect(() => parseInteractionsCsv('user,item,rating\n1,2,3\n1,3,good')).toThrow(
      /line 3: rating "good"/,
    );
    expect(() => parseInteractionsCsv('user,item,timestamp\n1,2,yesterday')).toThrow(
      CsvFormatError,
    );
  });
});

describe('parseTimestamp', () => {
  it('takes large epoch numbers as milliseconds and small ones as seconds', () => {
    expect(parseTimestamp('1700000000')).toBe(1_700_000_000_000);
    expect(parseTimestamp('1700000000123')).toBe(1_700_000_000_123);
  });
});

describe('splitCsvLine', () => {
  it('keeps empty fields', () => {
    expect(splitCsvLine('a,,"",b')).toEqual(['a', '', '', 'b']);
  });
});

import { readFile } from 'node:fs/promises';

/** One row of an interactions file: who did something to what, with an optional rating and time. */
export interface Interaction {
  user: string;
  item: string;
  rating?: number;
  /** Epoch milliseconds. */
  timestamp?: number;
}

const USER_COLUMNS = ['userid', 'user', 'user_id'];
const ITEM_COLUMNS = ['itemid', 'movieid', 'item', 'item_id'];
const RATING_COLUMNS = ['rating'];
const TIMESTAMP_COLUMNS = ['timestamp'];
/** Epoch values above this are taken as milliseconds (1e11 s is the year 5138). */
const EPOCH_MILLISECONDS_FROM = 1e11;

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

export async function readInteractionsCsv(path: string): Promise<Interaction[]> {
  return parseInteractionsCsv(await readFile(path, 'utf8'), path);
}

/**
 * Parses a CSV with a header naming the user column (userId|user|user_id), the item column
 * (itemId|movieId|item|item_id), and optionally `rating` and `timestamp` (epoch seconds, or
 * milliseconds when larger than 1e11, or ISO 8601). Column names are matched case-insensitively;
 * the delimiter (comma, semicolon or tab) is taken from the header line.
 */
export function parseInteractionsCsv(text: string, source = 'input'): Interaction[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.replace(/^\uFEFF/, '') ?? '';
  const delimiter = detectDelimiter(header);
  const names = splitCsvLine(header, delimiter).map((name) => name.trim().toLowerCase());
  const column = (candidates: string[]) => names.findIndex((name) => candidates.includes(name));
  const userAt = column(USER_COLUMNS);
  const itemAt = column(ITEM_COLUMNS);
  const ratingAt = column(RATING_COLUMNS);
  const timestampAt = column(TIMESTAMP_COLUMNS);
  if (userAt < 0)
    throw new CsvFormatError(
      `${source}: the header has no user column (one of ${USER_COLUMNS.join(', ')})`,
    );
  if (itemAt < 0)
    throw new CsvFormatError(
      `${source}: the header has no item column (one of ${ITEM_COLUMNS.join(', ')})`,
    );

  const rows: Interaction[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line, delimiter);
    const where = `${source} line ${index + 1}`;
    const user = fields[userAt]?.trim();
    const item = fields[itemAt]?.trim();
    if (!user) throw new CsvFormatError(`${where}: empty user`);
    if (!item) throw new CsvFormatError(`${where}: empty item`);
    const row: Interaction = { user, item };
    const rating = ratingAt >= 0 ? fields[ratingAt]?.trim() : undefined;
    if (rating) row.rating = parseRating(rating, where);
    const timestamp = timestampAt >= 0 ? fields[timestampAt]?.trim() : undefined;
    if (timestamp) row.timestamp = parseTimestamp(timestamp, where);
    rows.push(row);
  }
  return rows;
}

function detectDelimiter(header: string): string {
  for (const candidate of [',', '\t', ';']) if (header.includes(candidate)) return candidate;
  return ',';
}

/** Splits one CSV line, honouring double-quoted fields with "" escapes (no multi-line fields). */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let at = 0; at < line.length; at += 1) {
    const char = line[at]!;
    if (quoted) {
      if (char === '"' && line[at + 1] === '"') {
        field += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

function parseRating(text: string, where: string): number {
  const rating = Number(text);
  if (!Number.isFinite(rating))
    throw new CsvFormatError(`${where}: rating "${text}" is not a number`);
  return rating;
}

export function parseTimestamp(text: string, where = 'timestamp'): number {
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const value = Number(text);
    return Math.round(value >= EPOCH_MILLISECONDS_FROM ? value : value * 1000);
  }
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed))
    throw new CsvFormatError(`${where}: timestamp "${text}" is neither epoch seconds nor ISO 8601`);
  return parsed;
}

import { parseArgs } from 'node:util';
import { ROW_EVENT_TYPES, type RowEventType } from './interaction-events.js';
import { parseSplitSpec, type RandomSplitSpec } from './split.js';

export interface EvalOptions {
  source:
    | { kind: 'files'; train: string; test: string }
    | { kind: 'dataset'; dataset: string; split: RandomSplitSpec };
  k: number;
  eventType: RowEventType;
  itemType: string;
  json: string | undefined;
  url: string | undefined;
  adminToken: string | undefined;
  timestamps: 'shift' | 'keep';
  /** Longest wait for the similarity refresher to catch up after the load. */
  settleTimeoutMs: number;
  neighbours: number;
  /** Keep the quality run's site instead of deleting it afterwards (only an in-process run deletes). */
  keepSite: boolean;
}

export const EVAL_USAGE = `Usage:
  npm run eval -- --train FILE --test FILE [options]
  npm run eval -- --dataset FILE [--split random:0.25:42] [options]

Options:
  --k N                 list length and cut-off of every metric (default 10)
  --event-type TYPE     event each row becomes: ${ROW_EVENT_TYPES.join('|')} (default view)
  --item-type TYPE      item type of the events (default product)
  --json OUT            also write the figures as JSON to OUT
  --url URL             use the running service at URL (with --admin-token) instead of starting one
  --admin-token TOKEN   admin token of the service at --url
  --timestamps MODE     shift (default: replay the data as if it ended a minute ago) or keep
  --settle-timeout S    longest wait in seconds for the similarity refresher (default 3600)
  --neighbours N        neighbours kept per item by the item-kNN baseline (default 100)
  --keep-site           keep the run's site (an in-process run deletes it afterwards)`;

export function parseEvalOptions(argv: string[]): EvalOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      dataset: { type: 'string' },
      split: { type: 'string' },
      k: { type: 'string', default: '10' },
      'event-type': { type: 'string', default: 'view' },
      'item-type': { type: 'string', default: 'product' },
      json: { type: 'string' },
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      timestamps: { type: 'string', default: 'shift' },
      'settle-timeout': { type: 'string', default: '3600' },
      neighbours: { type: 'string', default: '100' },
      'keep-site': { type: 'boolean', default: false },
    },
  });
  const source = readSource(values);
  const eventType = values['event-type'] as RowEventType;
  if (!ROW_EVENT_TYPES.includes(eventType))
    throw new RangeError(
      `--event-type must be one of ${ROW_EVENT_TYPES.join(', ')}, got "${eventType}"`,
    );
  if (values.timestamps !== 'shift' && values.timestamps !== 'keep')
    throw new RangeError(`--timestamps must be shift or keep, got "${values.timestamps}"`);
  if (values.url && !values['admin-token']) throw new RangeError('--url needs --admin-token');
  return {
    source,
    k: readInteger('--k', values.k, 1, 100),
    eventType,
    itemType: values['item-type'],
    json: values.json,
    url: values.url,
    adminToken: values['admin-token'],
    timestamps: values.timestamps,
    settleTimeoutMs: readInteger('--settle-timeout', values['settle-timeout'], 1, 86_400) * 1000,
    neighbours: readInteger('--neighbours', values.neighbours, 1, 10_000),
    keepSite: values['keep-site'],
  };
}

function readSource(values: {
  train?: string;
  test?: string;
  dataset?: string;
  split?: string;
}): EvalOptions['source'] {
  if (values.dataset) {
    if (values.train || values.test)
      throw new RangeError('give either --dataset (with --split) or --train and --test, not both');
    return {
      kind: 'dataset',
      dataset: values.dataset,
      split: parseSplitSpec(values.split ?? 'random:0.25:42'),
    };
  }
  if (!values.train || !values.test)
    throw new RangeError(
      'give --train FILE and --test FILE, or --dataset FILE --split random:<testFraction>:<seed>',
    );
  if (values.split) throw new RangeError('--split applies to --dataset only');
  return { kind: 'files', train: values.train, test: values.test };
}

function readInteger(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

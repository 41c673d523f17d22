import { describe, expect, it } from 'vitest';
import { parseEvalOptions } from './eval-options.js';

describe('parseEvalOptions', () => {
  it('reads a train and a test file with defaults', () => {
    const options = parseEvalOptions(['--train', 'a.csv', '--test', 'b.csv']);
    expect(options).toMatchObject({
      source: { kind: 'files', train: 'a.csv', test: 'b.csv' },
      k: 10,
      eventType: 'view',
      itemType: 'product',
      timestamps: 'shift',
      neighbours: 100,
    });
    expect(options.json).toBeUndefined();
  });

  it('reads a data set with a split, k, an event type and a JSON output', () => {
    const options = parseEvalOptions([
      '--dataset',
      'ml.csv',
      '--split',
      'random:0.2:7',
      '--k',
      '5',
      '--event-type',
      'rate',
      '--json',
      'out.json',
    ]);
    expect(options).toMatchObject({
      source: { kind: 'dataset', dataset: 'ml.csv', split: { testFraction: 0.2, seed: 7 } },
      k: 5,
      eventType: 'rate',
      json: 'out.json',
    });
  });

  it('splits a data set 75/25 with seed 42 unless told otherwise', () => {
    expect(parseEvalOptions(['--dataset', 'ml.csv']).source).toEqual({
      kind: 'dataset',
      dataset: 'ml.csv',
      split: { kind: 'random', testFraction: 0.25, seed: 42 },
    });
  });

  it('refuses incomplete or contradictory sources', () => {
    expect(() => parseEvalOptions(['--train', 'a.csv'])).toThrow(/--test/);
    expect(() => parseEvalOptions(['--dataset', 'a.csv', '--train', 'b.csv'])).toThrow(/not both/);
    expect(() =>
      parseEvalOptions(['--train', 'a.csv', '--test', 'b.csv', '--split', 'random:0.2:1']),
    ).toThrow(/--dataset only/);
  });

  it('refuses bad values and unknown options', () => {
    expect(() => parseEvalOptions(['--dataset', 'a', '--k', '0'])).toThrow(/--k/);
    expect(() => parseEvalOptions(['--dataset', 'a', '--event-type', 'login'])).toThrow(
      /--event-type/,
    );
    expect(() => parseEvalOptions(['--dataset', 'a', '--url', 'http://x'])).toThrow(
      /--admin-token/,
    );
    expect(() => parseEvalOptions(['--dataset', 'a', '--frobnicate'])).toThrow();
  });
});

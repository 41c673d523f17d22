import { describe, expect, it } from 'vitest';
import {
  compareWithItemKnn,
  formatComparisonTable,
  toJsonReport,
  type EvalFigures,
} from './eval-report.js';

const metrics = (precision: number) => ({
  precision,
  recall: 0.2,
  ndcg: 0.3,
  hitRate: 0.9,
  coverage: 0.1,
  users: 943,
});
const figures: EvalFigures = {
  k: 10,
  recograph: metrics(0.39),
  popularity: metrics(0.22),
  itemKnn: metrics(0.365),
};

describe('toJsonReport', () => {
  it('has the documented shape', () => {
    const report = toJsonReport(figures, { dataset: 'x' });
    expect(report).toEqual({
      k: 10,
      metrics: { precision: 0.39, recall: 0.2, ndcg: 0.3, hitRate: 0.9, coverage: 0.1, users: 943 },
      baselines: { popularity: metrics(0.22), itemKnn: metrics(0.365) },
      dataset: 'x',
    });
  });
});

describe('formatComparisonTable', () => {
  it('prints one aligned row per recommender with the cut-off in the headers', () => {
    const lines = formatComparisonTable(figures).split('\n');
    expect(lines[0]).toMatch(/^recommender\s+P@10\s+R@10\s+nDCG@10\s+HR@10\s+coverage$/);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^Recograph \(personalized\)\s+0\.3900\s+0\.2000/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });
});

describe('compareWithItemKnn', () => {
  it('says whether Recograph reaches the item-kNN precision', () => {
    expect(compareWithItemKnn(figures).matches).toBe(true);
    expect(compareWithItemKnn({ ...figures, recograph: metrics(0.3) })).toEqual({
      matches: false,
      difference: expect.closeTo(-0.065),
    });
  });
});

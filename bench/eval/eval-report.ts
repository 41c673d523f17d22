import type { RankingMetrics } from './metrics.js';

export interface EvalFigures {
  k: number;
  recograph: RankingMetrics;
  popularity: RankingMetrics;
  itemKnn: RankingMetrics;
}

type MetricName = 'precision' | 'recall' | 'ndcg' | 'hitRate' | 'coverage';
const COLUMNS: [MetricName, string][] = [
  ['precision', 'P@k'],
  ['recall', 'R@k'],
  ['ndcg', 'nDCG@k'],
  ['hitRate', 'HR@k'],
  ['coverage', 'coverage'],
];

/** The JSON that --json writes: `{ k, metrics, baselines: { popularity, itemKnn } }`, users included. */
export function toJsonReport(figures: EvalFigures, extra: Record<string, unknown> = {}) {
  const pick = (metrics: RankingMetrics) => ({
    precision: metrics.precision,
    recall: metrics.recall,
    ndcg: metrics.ndcg,
    hitRate: metrics.hitRate,
    coverage: metrics.coverage,
    users: metrics.users,
  });
  return {
    k: figures.k,
    metrics: pick(figures.recograph),
    baselines: { popularity: pick(figures.popularity), itemKnn: pick(figures.itemKnn) },
    ...extra,
  };
}

/** A fixed-width table, one row per recommender, the metrics' cut-off spelled out. */
export function formatComparisonTable(figures: EvalFigures): string {
  const rows: [string, RankingMetrics][] = [
    ['Recograph (personalized)', figures.recograph],
    ['popularity', figures.popularity],
    ['item-kNN (cosine, top-100)', figures.itemKnn],
  ];
  const header = [
    'recommender',
    ...COLUMNS.map(([, label]) => label.replace('@k', `@${figures.k}`)),
  ];
  const body = rows.map(([name, metrics]) => [
    name,
    ...COLUMNS.map(([metric]) => metrics[metric].toFixed(4)),
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ');
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...body.map(line),
  ].join('\n');
}

/** Recograph against its own item-kNN baseline on the same split, as the acceptance check reads it. */
export function compareWithItemKnn(figures: EvalFigures): { matches: boolean; difference: number } {
  const difference = figures.recograph.precision - figures.itemKnn.precision;
  return { matches: difference >= 0, difference };
}

import type { ModelName } from './scenario-config.js';

/** One item a model proposes, with what the filters and the response need. */
export interface Candidate {
  type: string;
  id: string;
  score: number;
  /** Context or history item ids that led to it, strongest first. */
  because?: string[];
  /** Set when the underlying reason differs from the model that returned it (popular's newest fallback). */
  reasonModel?: ModelName;
  properties: Record<string, unknown>;
  categories: string[];
}

/** What the model Cypher returns per candidate. */
export interface CandidateRow {
  type: string;
  id: string;
  score: number;
  sources?: { id: string; score: number }[] | null;
  properties: Record<string, unknown>;
  categories: string[] | null;
}

const MAX_BECAUSE = 5;

export function itemKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

export function toCandidate(row: CandidateRow): Candidate {
  const candidate: Candidate = {
    type: row.type,
    id: row.id,
    score: row.score,
    properties: row.properties,
    categories: row.categories ?? [],
  };
  if (row.sources && row.sources.length > 0) candidate.because = rankSources(row.sources);
  return candidate;
}

/** The ids that contributed most to a score, each once. */
export function rankSources(sources: readonly { id: string; score: number }[]): string[] {
  const totals = new Map<string, number>();
  for (const source of sources) totals.set(source.id, (totals.get(source.id) ?? 0) + source.score);
  return [...totals]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_BECAUSE)
    .map(([id]) => id);
}

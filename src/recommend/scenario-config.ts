import { z } from 'zod';
import { attributeName, itemType } from '../catalog/item-schema.js';

export const MODEL_NAMES = [
  'also_bought',
  'also_viewed',
  'also_consumed',
  'ultimately_bought',
  'personalized',
  'popular',
  'trending',
  'similar_content',
  'recently_viewed',
  'new',
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Event types a scenario may exclude, and the interaction relationship each one leaves. */
export const EVENT_RELATIONSHIPS = {
  view: 'VIEWED',
  consume: 'CONSUMED',
  basket: 'BASKETED',
  buy: 'BOUGHT',
  rate: 'RATED',
  hide: 'HID',
} as const;
export type ExcludableEventType = keyof typeof EVENT_RELATIONSHIPS;

export const DEFAULT_ATTRIBUTES = ['title', 'url', 'image', 'price', 'currency'];
export const SCENARIO_LIMITS = { models: 10, limit: 100, attributes: 30, itemTypes: 20 } as const;

export const scenarioId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    'letters, digits, _ and - (at most 64, starting with a letter or digit)',
  );

const eventTypes = Object.keys(EVENT_RELATIONSHIPS) as [
  ExcludableEventType,
  ...ExcludableEventType[],
];

export const scenarioFilters = z
  .object({
    excludeEventTypes: z.array(z.enum(eventTypes)).max(eventTypes.length).default(['hide']),
    excludeContext: z.boolean().default(true),
    availableOnly: z.boolean().default(true),
    categoryMode: z.enum(['any', 'same', 'context-root']).default('any'),
    itemTypes: z.array(itemType).min(1).max(SCENARIO_LIMITS.itemTypes).optional(),
  })
  .strict();

export const scenarioConfig = z
  .object({
    models: z.array(z.enum(MODEL_NAMES)).min(1).max(SCENARIO_LIMITS.models),
    limit: z.number().int().min(1).max(SCENARIO_LIMITS.limit).default(10),
    filters: scenarioFilters.prefault({}),
    attributes: z.array(attributeName).max(SCENARIO_LIMITS.attributes).default(DEFAULT_ATTRIBUTES),
  })
  .strict();

export type ScenarioConfig = z.output<typeof scenarioConfig>;
export type ScenarioFilters = ScenarioConfig['filters'];

export interface Scenario extends ScenarioConfig {
  id: string;
  /** True for one of the four default scenarios a site has not configured (or whose node predates it). */
  builtIn: boolean;
  updatedAt: string | null;
}

/**
 * The models a request actually runs: the scenario's, each once, always ending with `popular` so
 * that a list is filled whenever the catalogue has enough eligible items.
 */
export function planModelChain(models: readonly ModelName[]): ModelName[] {
  const chain = [...new Set(models)];
  if (!chain.includes('popular')) chain.push('popular');
  return chain;
}

/** Relationship types whose items a request never returns to the user; hidden items always. */
export function excludedRelationships(eventTypes: readonly ExcludableEventType[]): string[] {
  return [
    ...new Set([...eventTypes, 'hide' as const].map((type) => EVENT_RELATIONSHIPS[type])),
  ].sort();
}

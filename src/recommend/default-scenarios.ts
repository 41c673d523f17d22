import { DEFAULT_ATTRIBUTES, scenarioConfig, type ScenarioConfig } from './scenario-config.js';

/**
 * The scenarios every site starts with (SPEC section 5), so that recommendations work before any
 * configuration. They are written for each new site and served from here for older sites.
 */
export const DEFAULT_SCENARIOS: Record<string, ScenarioConfig> = {
  'product-page': scenarioConfig.parse({
    models: ['also_bought', 'also_viewed', 'similar_content', 'personalized', 'popular'],
    limit: 6,
    filters: {
      excludeEventTypes: ['buy', 'hide'],
      excludeContext: true,
      availableOnly: true,
      categoryMode: 'any',
    },
    attributes: DEFAULT_ATTRIBUTES,
  }),
  home: scenarioConfig.parse({
    models: ['personalized', 'popular'],
    limit: 10,
    filters: {
      excludeEventTypes: ['view', 'consume', 'buy', 'rate', 'hide'],
      excludeContext: true,
      availableOnly: true,
      categoryMode: 'any',
    },
    attributes: DEFAULT_ATTRIBUTES,
  }),
  cart: scenarioConfig.parse({
    models: ['also_bought', 'ultimately_bought', 'popular'],
    limit: 6,
    filters: {
      excludeEventTypes: ['buy', 'hide'],
      excludeContext: true,
      availableOnly: true,
      categoryMode: 'any',
    },
    attributes: DEFAULT_ATTRIBUTES,
  }),
  article: scenarioConfig.parse({
    models: ['also_consumed', 'similar_content', 'personalized', 'popular'],
    limit: 6,
    filters: {
      excludeEventTypes: ['consume', 'hide'],
      excludeContext: true,
      availableOnly: true,
      categoryMode: 'any',
      itemTypes: ['article'],
    },
    attributes: ['title', 'url', 'image'],
  }),
};

import { AppError } from '../errors/app-error.js';
import type { CypherRegistry } from '../graph/cypher-registry.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import type { Site } from '../sites/site-service.js';
import { DEFAULT_SCENARIOS } from './default-scenarios.js';
import { scenarioConfig, type Scenario, type ScenarioConfig } from './scenario-config.js';

const QUERIES = [
  'recommend/get-scenario',
  'recommend/list-scenarios',
  'recommend/put-scenario',
  'recommend/delete-scenario',
  'recommend/create-default-scenarios',
];
const CACHE_TTL_MS = 5_000;
const CACHE_MAX = 10_000;
const LIST_LIMIT = 1_000;

interface StoredScenario {
  id: string;
  config: string;
  updatedAt: number | null;
}

export type ScenarioStore = ReturnType<typeof createScenarioStore>;

/**
 * Scenarios of a site, stored as `(:Scenario {config})` JSON. Reads are cached for a few seconds
 * (a request needs its scenario every time); this instance's writes clear the cache at once.
 * The four default scenarios exist for every site: written when the site is created, served
 * from code when their node is missing, and restored by deleting a customised one.
 */
export function createScenarioStore(deps: {
  executor: QueryExecutor;
  registry: CypherRegistry;
  now?: () => number;
}) {
  const { executor } = deps;
  const now = deps.now ?? Date.now;
  for (const name of QUERIES) deps.registry.get(name);
  const cache = new Map<string, { scenario: Scenario | null; expires: number }>();
  /** Reads under way: requests arriving meanwhile share them instead of each asking Neo4j. */
  const flights = new Map<string, { promise: Promise<Scenario | null> }>();
  const listeners = new Set<(siteId: string) => void>();

  async function get(siteId: string, id: string): Promise<Scenario> {
    const key = `${siteId}\u0000${id}`;
    const cached = cache.get(key);
    let scenario: Scenario | null;
    if (cached && cached.expires > now()) scenario = cached.scenario;
    else scenario = await (flights.get(key) ?? read(siteId, id, key)).promise;
    if (!scenario)
      throw new AppError('SCENARIO_NOT_FOUND', `No scenario "${id}" on this site.`, {
        field: 'scenario',
      });
    return scenario;
  }

  function read(siteId: string, id: string, key: string): { promise: Promise<Scenario | null> } {
    const flight = { promise: undefined as unknown as Promise<Scenario | null> };
    flight.promise = (async () => {
      try {
        const [row] = await executor.run<StoredScenario>('recommend/get-scenario', { siteId, id });
        const scenario = row ? toScenario(row) : builtIn(id);
        // a write that forgot this key while it was read wins: the read is not kept
        if (flights.get(key) === flight) {
          if (cache.size >= CACHE_MAX) cache.clear();
          cache.set(key, { scenario, expires: now() + CACHE_TTL_MS });
        }
        return scenario;
      } finally {
        if (flights.get(key) === flight) flights.delete(key);
      }
    })();
    flights.set(key, flight);
    return flight;
  }

  function forget(siteId: string, id: string): void {
    cache.delete(`${siteId}\u0000${id}`);
    flights.delete(`${siteId}\u0000${id}`);
    for (const listener of listeners) listener(siteId);
  }

  return {
    get,

    /** Called with the site id after this instance changed one of its scenarios. */
    subscribe(listener: (siteId: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async list(siteId: string): Promise<Scenario[]> {
      const rows = await executor.run<StoredScenario>('recommend/list-scenarios', {
        siteId,
        limit: LIST_LIMIT,
      });
      const stored = rows.map(toScenario);
      const missing = Object.keys(DEFAULT_SCENARIOS)
        .filter((id) => !stored.some((scenario) => scenario.id === id))
        .map((id) => builtIn(id)!);
      return [...stored, ...missing].sort((a, b) => (a.id < b.id ? -1 : 1));
    },

    async put(
      siteId: string,
      id: string,
      config: ScenarioConfig,
    ): Promise<{ scenario: Scenario; created: boolean }> {
      const [row] = await executor.run<{ id: string; updatedAt: number; created: boolean }>(
        'recommend/put-scenario',
        { siteId, id, config: JSON.stringify(config), now: now() },
      );
      forget(siteId, id);
      return {
        scenario: {
          id,
          ...config,
          builtIn: false,
          updatedAt: new Date(row!.updatedAt).toISOString(),
        },
        created: row!.created && !(id in DEFAULT_SCENARIOS),
      };
    },

    /** Deleting a default scenario restores its built-in configuration. */
    async delete(siteId: string, id: string): Promise<void> {
      const rows = await executor.run('recommend/delete-scenario', { siteId, id });
      forget(siteId, id);
      if (rows.length === 0 && !(id in DEFAULT_SCENARIOS))
        throw new AppError('SCENARIO_NOT_FOUND', `No scenario "${id}" on this site.`, {
          field: 'id',
        });
    },

    /** The `onSiteCreated` hook: writes the default scenarios of a new site. */
    async createDefaults(site: Site): Promise<void> {
      const scenarios = Object.entries(DEFAULT_SCENARIOS).map(([id, config]) => ({
        id,
        config: JSON.stringify(config),
      }));
      await executor.run('recommend/create-default-scenarios', {
        siteId: site.id,
        scenarios,
        now: now(),
      });
    },
  };
}

/** A stored config is re-validated so that defaults added later apply to older scenarios. */
function toScenario(row: StoredScenario): Scenario {
  const config = scenarioConfig.parse(JSON.parse(row.config));
  return {
    id: row.id,
    ...config,
    builtIn: false,
    updatedAt: row.updatedAt === null ? null : new Date(row.updatedAt).toISOString(),
  };
}

function builtIn(id: string): Scenario | null {
  const config = DEFAULT_SCENARIOS[id];
  return config ? { id, ...structuredClone(config), builtIn: true, updatedAt: null } : null;
}

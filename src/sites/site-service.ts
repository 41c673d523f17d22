import { AppError } from '../errors/app-error.js';
import type { QueryExecutor } from '../graph/query-executor.js';
import type { ChangeBus } from '../changes/change-bus.js';
import { generateKey, generateSiteId, hashKey, looksLikeKey, type KeyKind } from './site-keys.js';

export interface Site {
  id: string;
  name: string;
  allowedOrigins: string[];
}

export interface AuthenticatedSite extends Site {
  keyKind: KeyKind;
}

export interface CreatedSite extends Site {
  publicKey: string;
  secretKey: string;
}

export type SiteCreatedHook = (site: Site) => Promise<void>;

const KEY_CACHE_TTL_MS = 10_000;
const KEY_CACHE_MAX = 10_000;

/** Sites and their keys. Key lookups are cached briefly; rotation clears the cache everywhere. */
export function createSiteService(deps: {
  executor: QueryExecutor;
  changes: ChangeBus;
  onSiteCreated?: SiteCreatedHook[];
}) {
  const { executor, changes } = deps;
  const cache = new Map<string, { site: AuthenticatedSite | null; expires: number }>();
  /** Every origin some site allows, read at most once per KEY_CACHE_TTL_MS (sites/read-allowed-origins). */
  let allowedOrigins: { origins: Set<string>; expires: number } | undefined;
  let originsLookup: Promise<Set<string>> | undefined;
  const lookups = new Map<string, Promise<AuthenticatedSite | null>>();
  let generation = 0; // a lookup that started before a rotation must not refill the cache
  changes.subscribe((change) => {
    if (change.kind === 'site-keys') {
      generation += 1;
      cache.clear();
      forgetOrigins();
    }
  });

  /** After a site is created or changed: the next preflight reads again (not from a read begun before). */
  function forgetOrigins(): void {
    allowedOrigins = undefined;
    originsLookup = undefined;
  }

  /** One read at a time however many preflights wait. */
  function readAllowedOrigins(): Promise<Set<string>> {
    if (allowedOrigins && allowedOrigins.expires > Date.now())
      return Promise.resolve(allowedOrigins.origins);
    if (!originsLookup) {
      const lookup: Promise<Set<string>> = executor
        .run<{ origins: string[] }>('sites/read-allowed-origins')
        .then(([row]) => {
          const origins = new Set(row?.origins ?? []);
          // forgotten meanwhile: this read may predate the change, so it answers only its own waiters
          if (originsLookup === lookup)
            allowedOrigins = { origins, expires: Date.now() + KEY_CACHE_TTL_MS };
          return origins;
        })
        .finally(() => {
          if (originsLookup === lookup) originsLookup = undefined;
        });
      originsLookup = lookup;
    }
    return originsLookup;
  }

  /** One lookup per key at a time, however many requests wait for it. */
  function lookUp(hash: string): Promise<AuthenticatedSite | null> {
    let lookup = lookups.get(hash);
    if (!lookup) {
      const started = generation;
      lookup = executor
        .run<AuthenticatedSite>('sites/find-site-by-key-hash', { hash })
        .then(([row]) => {
          const site = row ?? null;
          if (started === generation) {
            if (cache.size >= KEY_CACHE_MAX) cache.clear();
            cache.set(hash, { site, expires: Date.now() + KEY_CACHE_TTL_MS });
          }
          return site;
        })
        .finally(() => lookups.delete(hash));
      lookups.set(hash, lookup);
    }
    return lookup;
  }

  async function authenticate(key: string): Promise<AuthenticatedSite | null> {
    if (!looksLikeKey(key)) return null;
    const hash = hashKey(key);
    const cached = cache.get(hash);
    if (cached && cached.expires > Date.now()) return cached.site;
    // A valid key whose entry just expired keeps working while one lookup refreshes it, so busy
    // keys never stall their requests every TTL; rotation clears the cache, so this never revives an old key.
    if (cached?.site) {
      lookUp(hash).catch(() => undefined);
      return cached.site;
    }
    return lookUp(hash);
  }

  return {
    authenticate,

    async findSite(siteId: string): Promise<Site | undefined> {
      const [row] = await executor.run<Site>('sites/find-site', { id: siteId });
      return row;
    },

    /** `id` is for the demo's well-known site; sites created over HTTP get a random id. */
    async createSite(input: {
      name: string;
      allowedOrigins: string[];
      id?: string;
    }): Promise<CreatedSite> {
      const publicKey = generateKey('public');
      const secretKey = generateKey('secret');
      const [row] = await executor.run<Site>('sites/create-site', {
        id: input.id ?? generateSiteId(),
        name: input.name,
        allowedOrigins: input.allowedOrigins,
        publicKeyHash: hashKey(publicKey),
        secretKeyHash: hashKey(secretKey),
      });
      const site: Site = { id: row!.id, name: row!.name, allowedOrigins: row!.allowedOrigins };
      for (const hook of deps.onSiteCreated ?? []) await hook(site);
      forgetOrigins();
      return { ...site, publicKey, secretKey };
    },

    async rotateKeys(
      siteId: string,
      which: KeyKind | 'both',
    ): Promise<{ id: string; publicKey?: string; secretKey?: string }> {
      const publicKey = which === 'secret' ? undefined : generateKey('public');
      const secretKey = which === 'public' ? undefined : generateKey('secret');
      const [row] = await executor.run('sites/rotate-site-keys', {
        id: siteId,
        publicKeyHash: publicKey ? hashKey(publicKey) : null,
        secretKeyHash: secretKey ? hashKey(secretKey) : null,
      });
      if (!row) throw new AppError('SITE_NOT_FOUND', `No site "${siteId}".`, { field: 'id' });
      changes.publish({ kind: 'site-keys', siteId });
      return { id: siteId, ...(publicKey && { publicKey }), ...(secretKey && { secretKey }) };
    },

    async updateOrigins(siteId: string, allowedOrigins: string[]): Promise<Site> {
      const [row] = await executor.run<Site>('sites/update-site-origins', {
        id: siteId,
        allowedOrigins,
      });
      if (!row) throw new AppError('SITE_NOT_FOUND', `No site "${siteId}".`, { field: 'id' });
      changes.publish({ kind: 'site-keys', siteId });
      return row;
    },

    /** CORS preflights carry no key: they pass when some site allows the origin; the real request checks its own site. */
    async isOriginAllowedBySomeSite(origin: string): Promise<boolean> {
      const origins = await readAllowedOrigins();
      return origins.has(origin) || origins.has('*');
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;

export function isOriginAllowed(site: Site, origin: string | undefined): boolean {
  if (!origin) return true; // not a browser request (or a same-origin GET): the key alone decides
  return site.allowedOrigins.includes('*') || site.allowedOrigins.includes(origin);
}

import { timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { AppError } from '../errors/app-error.js';
import { isOriginAllowed, type AuthenticatedSite, type SiteService } from './site-service.js';
import type { KeyKind } from './site-keys.js';

export interface AuthOptions {
  /** `public` routes accept either key; `secret` routes refuse the public key with 403. */
  requires: KeyKind;
  /** Only where a browser cannot set headers: beacons, pixels, the WebSocket upgrade. */
  allowQueryKey?: boolean;
}

export function readBearer(ctx: Pick<Context, 'get'>): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  return match?.[1];
}

/** Resolves the key to a site and checks the key kind and the browser origin. */
export async function authenticateSite(
  sites: SiteService,
  input: { bearer: string | undefined; queryKey: string | undefined; origin: string | undefined },
  options: AuthOptions,
): Promise<AuthenticatedSite> {
  const key = input.bearer ?? (options.allowQueryKey ? input.queryKey : undefined);
  if (!key) {
    const where = options.allowQueryKey
      ? 'an Authorization: Bearer header or a key query parameter'
      : 'an Authorization: Bearer header';
    throw new AppError('UNAUTHENTICATED', `Send the site's ${options.requires} key in ${where}.`);
  }
  const site = await sites.authenticate(key);
  if (!site)
    throw new AppError('UNAUTHENTICATED', 'The key is not valid (wrong, revoked or rotated).');
  if (options.requires === 'secret' && site.keyKind !== 'secret') {
    throw new AppError(
      'FORBIDDEN',
      'This operation needs the secret key (sk_…); the public key may only track and read recommendations.',
    );
  }
  if (site.keyKind === 'public' && !isOriginAllowed(site, input.origin)) {
    throw new AppError(
      'ORIGIN_NOT_ALLOWED',
      `Origin ${input.origin} is not in the site's allowed origins.`,
      { field: 'Origin' },
    );
  }
  return site;
}

export function requireSiteKey(sites: SiteService, options: AuthOptions) {
  return async function siteKey(ctx: Context, next: Next): Promise<void> {
    const queryKey = typeof ctx.query.key === 'string' ? ctx.query.key : undefined;
    ctx.state.site = await authenticateSite(
      sites,
      { bearer: readBearer(ctx), queryKey, origin: ctx.get('origin') || undefined },
      options,
    );
    await next();
  };
}

export function requireAdminToken(adminToken: string | undefined) {
  const expected = Buffer.from(adminToken ?? '');
  return async function adminToken_(ctx: Context, next: Next): Promise<void> {
    const given = Buffer.from(readBearer(ctx) ?? '');
    if (
      expected.length === 0 ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected)
    ) {
      throw new AppError(
        'UNAUTHENTICATED',
        'Send the admin token (RECOGRAPH_ADMIN_TOKEN) as Authorization: Bearer.',
      );
    }
    await next();
  };
}

export function siteOf(ctx: Context): AuthenticatedSite {
  return ctx.state.site as AuthenticatedSite;
}

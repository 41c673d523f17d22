import { describe, expect, it } from 'vitest';
import { authenticateSite } from './authenticate.js';
import type { AuthenticatedSite, SiteService } from './site-service.js';

const publicSite: AuthenticatedSite = {
  id: 'site_1',
  name: 'Shop',
  allowedOrigins: ['https://shop.example'],
  keyKind: 'public',
};
const sites = {
  authenticate: async (key: string) =>
    key === 'pk_public'
      ? publicSite
      : key === 'sk_secret'
        ? { ...publicSite, keyKind: 'secret' }
        : null,
} as unknown as SiteService;

describe('authenticateSite', () => {
  it('refuses the public key on a secret operation with FORBIDDEN', async () => {
    await expect(
      authenticateSite(
        sites,
        { bearer: 'pk_public', queryKey: undefined, origin: undefined },
        { requires: 'secret' },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      authenticateSite(
        sites,
        { bearer: 'sk_secret', queryKey: undefined, origin: undefined },
        { requires: 'secret' },
      ),
    ).resolves.toMatchObject({ keyKind: 'secret' });
  });

  it('refuses a missing or unknown key with UNAUTHENTICATED, and a query key unless allowed', async () => {
    await expect(
      authenticateSite(
        sites,
        { bearer: undefined, queryKey: undefined, origin: undefined },
        { requires: 'public' },
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(
      authenticateSite(
        sites,
        { bearer: 'pk_other', queryKey: undefined, origin: undefined },
        { requires: 'public' },
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(
      authenticateSite(
        sites,
        { bearer: undefined, queryKey: 'pk_public', origin: undefined },
        { requires: 'public' },
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(
      authenticateSite(
        sites,
        { bearer: undefined, queryKey: 'pk_public', origin: undefined },
        { requires: 'public', allowQueryKey: true },
      ),
    ).resolves.toMatchObject({ id: 'site_1' });
  });

  it('refuses the public key from an origin the site does not allow', async () => {
    await expect(
      authenticateSite(
        sites,
        { bearer: 'pk_public', queryKey: undefined, origin: 'https://evil.example' },
        { requires: 'public' },
      ),
    ).rejects.toMatchObject({ code: 'ORIGIN_NOT_ALLOWED' });
  });
});

import { hash, randomBytes } from 'node:crypto';

export type KeyKind = 'public' | 'secret';

/** Keys are 32 random bytes: a fast hash is enough to store them (unlike passwords). */
export function generateKey(kind: KeyKind): string {
  return `${kind === 'public' ? 'pk' : 'sk'}_${randomBytes(24).toString('base64url')}`;
}

/** SHA-256 in one call (no Hash object per request: every authenticated request hashes its key). */
export function hashKey(key: string): string {
  return hash('sha256', key, 'hex');
}

export function generateSiteId(): string {
  return `site_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
}

const KEY_SHAPE = /^(pk|sk)_[A-Za-z0-9_-]{20,64}$/;

export function looksLikeKey(value: string): boolean {
  return KEY_SHAPE.test(value);
}

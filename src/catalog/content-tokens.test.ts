import { describe, expect, it } from 'vitest';
import { buildContentQuery, buildContentTokens, siteTokenPrefix } from './content-tokens.js';

describe('content tokens', () => {
  it('makes one site-scoped word per category level and attribute value', () => {
    const site = siteTokenPrefix('site_a');
    expect(
      buildContentTokens('site_a', ['/Shoes/Running Gear'], {
        brand: 'Acme Inc.',
        sizes: ['41', '42'],
        waterproof: true,
        weight: 310,
      }),
    ).toEqual([
      `${site}_ca_shoes`,
      `${site}_cl_shoes_running_gear`,
      `${site}_a_brand_acme_inc`,
      `${site}_a_sizes_41`,
      `${site}_a_sizes_42`,
      `${site}_a_waterproof_true`,
      `${site}_a_weight_310`,
    ]);
  });

  it('keeps sites apart', () => {
    expect(siteTokenPrefix('site_a')).not.toBe(siteTokenPrefix('site_b'));
    expect(siteTokenPrefix('site_a')).toMatch(/^s[0-9a-f]{12}$/);
  });

  it('builds a boosted query from stored tokens and ignores anything else', () => {
    const site = siteTokenPrefix('x');
    expect(
      buildContentQuery([
        `${site}_cl_shoes_running`,
        `${site}_ca_shoes`,
        `${site}_a_brand_acme`,
        'evil) OR *:*',
        `${site}_ca_shoes`,
      ]),
    ).toBe(`${site}_cl_shoes_running^3 ${site}_ca_shoes^1 ${site}_a_brand_acme^2`);
    expect(buildContentQuery([])).toBeNull();
  });
});

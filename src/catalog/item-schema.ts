import { z } from 'zod';

/** Catalogue limits, in one place so docs/api.md and the validation agree. */
export const CATALOG_LIMITS = {
  batchItems: 1000,
  batchBodyBytes: 16 * 1024 * 1024,
  itemBodyBytes: 256 * 1024,
  idLength: 256,
  typeLength: 64,
  titleLength: 1000,
  urlLength: 2048,
  categories: 20,
  categoryPathLength: 512,
  categoryDepth: 10,
  attributes: 100,
  attributeStringLength: 2000,
  attributeListLength: 100,
  attributeListValueLength: 200,
} as const;

/** The same id and type rules as tracking, so an item seen in events can be catalogued. */
export const itemType = z
  .string()
  .min(1)
  .max(CATALOG_LIMITS.typeLength)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
export const itemId = z.union([
  z.string().min(1).max(CATALOG_LIMITS.idLength),
  z.number().int().nonnegative().transform(String),
]);

const httpUrl = z
  .string()
  .max(CATALOG_LIMITS.urlLength)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'an absolute http(s) URL');

const categoryPath = z
  .string()
  .max(CATALOG_LIMITS.categoryPathLength)
  .regex(
    /^(\/[^/]+)+$/,
    'a path like /shoes/running (leading slash, no empty segment, no trailing slash)',
  )
  .refine(
    (path) => path.split('/').length - 1 <= CATALOG_LIMITS.categoryDepth,
    `at most ${CATALOG_LIMITS.categoryDepth} levels`,
  );

const timestamp = z.union([
  z.number().int().min(0).max(8.64e15),
  z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
]);

export const attributeName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a letter, then letters, digits or _ (at most 64)');
const attributeValue = z.union([
  z.string().max(CATALOG_LIMITS.attributeStringLength),
  z.number().finite(),
  z.boolean(),
  z
    .array(z.string().max(CATALOG_LIMITS.attributeListValueLength))
    .max(CATALOG_LIMITS.attributeListLength),
]);

/** `null` is accepted for an optional field and means "absent" (a PUT replaces the whole item). */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

export const catalogItem = z
  .strictObject(
    {
      type: itemType,
      id: itemId,
      title: optional(z.string().max(CATALOG_LIMITS.titleLength)),
      url: optional(httpUrl),
      image: optional(httpUrl),
      price: optional(z.number().finite().nonnegative()),
      currency: optional(z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')),
      categories: optional(z.array(categoryPath).max(CATALOG_LIMITS.categories)),
      available: optional(z.boolean()),
      validFrom: optional(timestamp),
      validTo: optional(timestamp),
      attributes: optional(
        z
          .record(attributeName, attributeValue)
          .refine(
            (map) => Object.keys(map).length <= CATALOG_LIMITS.attributes,
            `at most ${CATALOG_LIMITS.attributes} attributes`,
          ),
      ),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}: put custom fields in "attributes"`
          : undefined,
    },
  )
  .superRefine((item, context) => {
    const { validFrom, validTo } = item;
    if (typeof validFrom === 'number' && typeof validTo === 'number' && validTo <= validFrom) {
      context.addIssue({ code: 'custom', path: ['validTo'], message: 'must be after validFrom' });
    }
  });

export type CatalogItem = z.output<typeof catalogItem>;

/** `POST /v1/items`: the array is checked for size before any item is validated. */
export const itemBatchEnvelope = z
  .object({ items: z.array(z.unknown()).min(1, 'send at least one item') })
  .strict();

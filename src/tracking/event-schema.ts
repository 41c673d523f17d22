import { z } from 'zod';

/** Event types of SPEC section 3, in the order docs/api.md lists them. */
export const EVENT_TYPES = [
  'view',
  'consume',
  'basket',
  'unbasket',
  'buy',
  'rate',
  'hide',
  'impression',
  'click_recommended',
  'login',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_LIMITS = {
  idLength: 256,
  itemTypeLength: 64,
  recommendationIdLength: 128,
  categoryPathLength: 512,
  impressionItems: 100,
  maxQuantity: 1_000_000,
} as const;

// Sites choose their own ids; numbers are accepted (Ibexa sends numeric ids) and stored as strings.
const entityId = z.union([
  z.string().min(1).max(EVENT_LIMITS.idLength),
  z.number().int().nonnegative().transform(String),
]);
export const userId = z.string().min(1).max(EVENT_LIMITS.idLength);
const itemType = z
  .string()
  .min(1)
  .max(EVENT_LIMITS.itemTypeLength)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');
// Any UUID version is accepted; case does not make two ids different.
const eventId = z.guid().transform((id) => id.toLowerCase());
// ISO 8601 with a zone (a zoneless time would mean different instants on different servers) or epoch ms.
const timestamp = z.union([
  z.number().int().min(0).max(8.64e15),
  z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)),
]);
const quantity = z.number().int().min(1).max(EVENT_LIMITS.maxQuantity);
const recommendationId = z.string().min(1).max(EVENT_LIMITS.recommendationIdLength);

const common = {
  id: eventId,
  user: userId,
  timestamp: timestamp.optional(),
};
const withItem = {
  ...common,
  item: entityId,
  itemType: itemType.default('product'),
};

const impressionItem = z.union([entityId, z.object({ id: entityId, type: itemType.optional() })]);

/**
 * One schema per event type. Unknown fields are dropped (clients may send their own context);
 * the output is the normalised payload whose hash detects an id reused with another payload.
 */
export const eventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('view'),
    ...withItem,
    categoryPath: z.string().min(1).max(EVENT_LIMITS.categoryPathLength).startsWith('/').optional(),
  }),
  z.object({ type: z.literal('consume'), ...withItem, percent: z.number().min(0).max(100) }),
  z.object({ type: z.literal('basket'), ...withItem, quantity: quantity.optional() }),
  z.object({ type: z.literal('unbasket'), ...withItem, quantity: quantity.optional() }),
  z.object({
    type: z.literal('buy'),
    ...withItem,
    quantity,
    price: z.number().min(0).max(1e12).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
      .optional(),
  }),
  z.object({ type: z.literal('rate'), ...withItem, rating: z.number().min(0).max(100) }),
  z.object({ type: z.literal('hide'), ...withItem }),
  z.object({
    type: z.literal('impression'),
    ...common,
    itemType: itemType.default('product'),
    items: z.array(impressionItem).min(1).max(EVENT_LIMITS.impressionItems),
    recommendationId,
  }),
  z.object({ type: z.literal('click_recommended'), ...withItem, recommendationId }),
  z.object({ type: z.literal('login'), ...common, knownUser: userId }),
]);

/** A valid event as the client meant it: ids normalised, the client's timestamp (if any) in epoch ms. */
export type TrackedEvent = z.output<typeof eventSchema>;

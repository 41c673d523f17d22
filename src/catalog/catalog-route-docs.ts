import type { RouteDoc } from '../http/openapi.js';
import { catalogItem, itemBatchEnvelope } from './item-schema.js';

export const catalogRouteDocs: RouteDoc[] = [
  {
    method: 'put',
    path: '/v1/items/{type}/{id}',
    tag: 'catalogue',
    auth: 'secret',
    summary: 'Create or replace one item',
    body: catalogItem,
    responses: { 200: 'The stored item', 400: 'Invalid item', 403: 'Public key used' },
  },
  {
    method: 'post',
    path: '/v1/items',
    tag: 'catalogue',
    auth: 'secret',
    summary: 'Upsert up to 1,000 items',
    body: itemBatchEnvelope,
    responses: {
      200: 'How many items were stored',
      400: 'An invalid item (field names its index)',
      413: 'More than 1,000 items or body too large',
    },
  },
  {
    method: 'get',
    path: '/v1/items/{type}/{id}',
    tag: 'catalogue',
    auth: 'secret',
    summary: 'Read one item',
    responses: { 200: 'The item', 404: 'No such item' },
  },
  {
    method: 'delete',
    path: '/v1/items/{type}/{id}',
    tag: 'catalogue',
    auth: 'secret',
    summary: 'Delete an item: it leaves every list at once, live ones too',
    responses: { 204: 'Deleted (or already absent)', 403: 'Public key used' },
  },
];

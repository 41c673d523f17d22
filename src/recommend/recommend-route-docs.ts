import type { RouteDoc } from '../http/openapi.js';
import { recommendationQuery } from './recommendation-routes.js';
import { scenarioConfig } from './scenario-config.js';

export const recommendRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/recommendations/{scenario}',
    tag: 'recommendations',
    auth: 'public',
    summary: 'A ranked list for a placement (ETag; 304 keeps the list and id you have)',
    query: recommendationQuery,
    responses: {
      200: '{ recommendationId, scenario, items }',
      304: 'Unchanged list',
      400: 'Invalid parameter',
      404: 'No such scenario',
    },
  },
  {
    method: 'get',
    path: '/v1/scenarios',
    tag: 'scenarios',
    auth: 'secret',
    summary: "The site's scenarios",
    responses: { 200: 'Scenarios with their configuration' },
  },
  {
    method: 'get',
    path: '/v1/scenarios/{id}',
    tag: 'scenarios',
    auth: 'secret',
    summary: 'One scenario',
    responses: { 200: 'The scenario', 404: 'No such scenario' },
  },
  {
    method: 'put',
    path: '/v1/scenarios/{id}',
    tag: 'scenarios',
    auth: 'secret',
    summary: 'Create or replace a scenario',
    body: scenarioConfig,
    responses: { 200: 'Replaced', 201: 'Created', 400: 'Invalid configuration' },
  },
  {
    method: 'delete',
    path: '/v1/scenarios/{id}',
    tag: 'scenarios',
    auth: 'secret',
    summary: 'Delete a scenario',
    responses: { 204: 'Deleted', 404: 'No such scenario' },
  },
];

import Router from '@koa/router';
import { z } from 'zod';

export type RouteAuth = 'none' | 'public' | 'secret' | 'admin';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/v1/items/{type}/{id}`. */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  /** The same zod schemas the route validates with. */
  body?: z.ZodType;
  query?: z.ZodType;
  responses: Record<number, string>;
}

/**
 * Routes describe themselves here with the schemas that validate their input, and
 * `GET /v1/openapi.json` renders them, so the document cannot drift from the validation.
 */
export function createOpenApiRegistry() {
  const routes: RouteDoc[] = [];
  return {
    add(...docs: RouteDoc[]) {
      routes.push(...docs);
    },
    document(version: string) {
      return renderOpenApi(routes, version);
    },
    routes: () => [...routes],
  };
}

export type OpenApiRegistry = ReturnType<typeof createOpenApiRegistry>;

function renderOpenApi(routes: RouteDoc[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
        name: match[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...queryParameters(route.query),
    ];
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      summary: route.summary,
      tags: [route.tag],
      security:
        route.auth === 'none'
          ? []
          : [{ [route.auth === 'admin' ? 'adminToken' : `${route.auth}Key`]: [] }],
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: toJsonSchema(route.body) } },
        },
      }),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, description]) => [
          status,
          Number(status) >= 400
            ? {
                description,
                content: {
                  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
                },
              }
            : { description },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Recograph API',
      version,
      description: 'Self-hosted recommendations on Neo4j, live over WebSocket. See docs/api.md.',
    },
    paths,
    components: {
      securitySchemes: {
        publicKey: { type: 'http', scheme: 'bearer', description: 'A site public key (pk_…)' },
        secretKey: { type: 'http', scheme: 'bearer', description: 'A site secret key (sk_…)' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'RECOGRAPH_ADMIN_TOKEN' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string' },
            detail: { type: 'string' },
            field: { type: 'string' },
            requestId: { type: 'string' },
          },
        },
      },
    },
  };
}

function toJsonSchema(schema: z.ZodType): unknown {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function queryParameters(query: z.ZodType | undefined) {
  if (!query) return [];
  const schema = toJsonSchema(query) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

export function createOpenApiRouter(registry: OpenApiRegistry, version: string): Router {
  const router = new Router();
  router.get('/v1/openapi.json', (ctx) => {
    ctx.body = registry.document(version);
  });
  return router;
}

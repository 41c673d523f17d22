import Router from '@koa/router';
import { readJsonBody } from '../http/read-json-body.js';
import { validate } from '../http/validate.js';
import { requireSiteKey, siteOf } from '../sites/authenticate.js';
import type { SiteService } from '../sites/site-service.js';
import { scenarioConfig, scenarioId } from './scenario-config.js';
import type { ScenarioStore } from './scenario-store.js';

const SCENARIO_BODY_BYTES = 64 * 1024;

/** Scenario configuration (secret key): create or replace, list, read, delete. */
export function createScenarioRouter(deps: {
  sites: SiteService;
  scenarios: ScenarioStore;
}): Router {
  const { scenarios } = deps;
  const router = new Router({ prefix: '/v1/scenarios' });
  router.use(requireSiteKey(deps.sites, { requires: 'secret' }));

  router.get('/', async (ctx) => {
    ctx.body = { scenarios: await scenarios.list(siteOf(ctx).id) };
  });

  router.get('/:id', async (ctx) => {
    const id = validate(scenarioId, ctx.params.id, 'id');
    ctx.body = await scenarios.get(siteOf(ctx).id, id);
  });

  router.put('/:id', async (ctx) => {
    const id = validate(scenarioId, ctx.params.id, 'id');
    const config = validate(
      scenarioConfig,
      await readJsonBody(ctx, { limitBytes: SCENARIO_BODY_BYTES }),
    );
    const { scenario, created } = await scenarios.put(siteOf(ctx).id, id, config);
    ctx.status = created ? 201 : 200;
    ctx.body = scenario;
  });

  router.delete('/:id', async (ctx) => {
    const id = validate(scenarioId, ctx.params.id, 'id');
    await scenarios.delete(siteOf(ctx).id, id);
    ctx.status = 204;
  });
  return router;
}

/**
 * The SDK core in plain Node: file-backed storage, Node's global fetch, the `ws` WebSocket.
 *
 *   RECOGRAPH_ENDPOINT=http://127.0.0.1:8080 RECOGRAPH_SITE_KEY=pk_… npx tsx client/examples/node-example.ts
 *
 * client/examples/node-example.test.ts runs it against a local HTTP + WebSocket server.
 */
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import {
  createRecograph,
  type LiveRecommendation,
  type Recommendation,
} from '../src/core/index.js';
import { createFileStorage } from './file-storage.js';

export interface NodeExampleOptions {
  endpoint: string;
  siteKey: string;
  /** Where the anonymous id, the known user and unsent events are kept between runs. */
  storageFile: string;
  log?: (line: string) => void;
}

export interface NodeExampleResult {
  user: string | undefined;
  recommendation: Recommendation;
  live: LiveRecommendation;
}

export async function runNodeExample(options: NodeExampleOptions): Promise<NodeExampleResult> {
  const log = options.log ?? (() => undefined);
  const rg = createRecograph({
    endpoint: options.endpoint,
    siteKey: options.siteKey,
    storage: createFileStorage(options.storageFile),
    WebSocket,
    onError: (error) => log(`recograph: ${error.code} ${error.message}`),
  });
  await rg.ready;
  log(`anonymous visitor ${rg.user()}`);

  rg.track('view', { item: 'sku-1' });
  rg.track('basket', { item: 'sku-1', quantity: 1 });
  rg.track('rate', { item: 'sku-1', stars: 5 });
  await rg.login('customer-42');
  rg.track('buy', { item: 'sku-1', quantity: 1, price: 49.9, currency: 'EUR' });
  await rg.flush();
  log(`tracked as ${rg.user()}`);

  const recommendation = await rg.recommend('product-page', { context: 'sku-1', limit: 3 });
  log(`product-page: ${recommendation.items.map((item) => item.id).join(', ')}`);

  const live = await new Promise<LiveRecommendation>((resolve, reject) => {
    const subscription = rg.live(
      'home',
      { limit: 3 },
      (list) => {
        subscription.close();
        resolve(list);
      },
      reject,
    );
  });
  log(`home, live (${live.cause}): ${live.items.map((item) => item.id).join(', ')}`);

  await rg.close();
  return { user: rg.user(), recommendation, live };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { RECOGRAPH_ENDPOINT, RECOGRAPH_SITE_KEY } = process.env;
  if (!RECOGRAPH_ENDPOINT || !RECOGRAPH_SITE_KEY) {
    process.stderr.write(
      'Set RECOGRAPH_ENDPOINT and RECOGRAPH_SITE_KEY (the site public key, pk_…).\n',
    );
    process.exit(2);
  }
  await runNodeExample({
    endpoint: RECOGRAPH_ENDPOINT,
    siteKey: RECOGRAPH_SITE_KEY,
    storageFile: '.recograph-node-example.json',
    log: (line) => process.stdout.write(`${line}\n`),
  });
}

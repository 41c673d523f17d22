import type { Browser, BrowserContext, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInteractions } from '../support/events.js';
import {
  launchChromium,
  saveScreenshot,
  startDemoService,
  waitForBox,
  type DemoService,
} from '../support/browser.js';
import { connectTestGraph } from '../support/test-graph.js';

interface SentEvent {
  id: string;
  type: string;
  item?: string;
}

/**
 * The browser's network to Recograph, under the test's control: while it is down, event requests
 * fail (the first one after reaching the server, so its answer is lost) and live sockets are cut.
 * Every event the page sends, over HTTP or the socket, is recorded with how often it went out.
 */
async function controlNetwork(context: BrowserContext) {
  const state = {
    down: false,
    blocked: 0,
    lostAnswerIds: [] as string[],
    sends: new Map<string, number>(),
    sentWhileDown: new Set<string>(),
    events: new Map<string, SentEvent>(),
  };
  const sockets = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  const record = (events: SentEvent[]) => {
    for (const event of events) {
      state.events.set(event.id, { id: event.id, type: event.type, item: event.item });
      state.sends.set(event.id, (state.sends.get(event.id) ?? 0) + 1);
      if (state.down) state.sentWhileDown.add(event.id);
    }
  };
  await context.route('**/v1/events**', async (route) => {
    const events = JSON.parse(route.request().postData() ?? '{"events":[]}').events as SentEvent[];
    record(events);
    if (!state.down) return route.continue();
    state.blocked += 1;
    if (state.blocked === 1) {
      await route.fetch(); // stored by the server, but the browser never hears the answer
      state.lostAnswerIds.push(...events.map((event) => event.id));
    }
    return route.abort('internetdisconnected');
  });
  await context.routeWebSocket('**/v1/live**', (page) => {
    if (state.down) return void page.close({ code: 1001, reason: 'network down' });
    const server = page.connectToServer();
    const socket = { page, server };
    sockets.add(socket);
    page.onMessage((message) => {
      const parsed = JSON.parse(String(message));
      if (parsed.type === 'track') record(parsed.events);
      server.send(message);
    });
    page.onClose(() => sockets.delete(socket));
  });
  return {
    state,
    openSockets: () => sockets.size,
    async goDown() {
      state.down = true;
      for (const socket of [...sockets]) {
        sockets.delete(socket);
        await socket.page.close({ code: 1001, reason: 'network down' });
        await socket.server.close();
      }
    },
    goUp() {
      state.down = false;
    },
  };
}

describe('events from the demo shop across a network drop', () => {
  let demo: DemoService;
  let browser: Browser;
  const graph = connectTestGraph();

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoService(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.service.close();
    await graph.close();
  });

  const storedEvents = async (user: string) => {
    const result = await graph.executor.runText(
      'MATCH (e:Event {siteId: $siteId, user: $user}) RETURN e.id AS id, e.type AS type',
      { siteId: demo.siteId, user },
      { mode: 'read' },
    );
    return result.records.map((record) => ({
      id: record.get('id') as string,
      type: record.get('type') as string,
    }));
  };
  const interactions = async (user: string) => {
    const all = await readInteractions(graph, demo.siteId);
    const mine = (key: string) =>
      all.get(`${user}-${key}`) as { count: number; quantity?: number } | undefined;
    return {
      viewedA: mine('VIEWED->product/sku-0104')?.count,
      viewedB: mine('VIEWED->product/sku-0607')?.count,
      basketed: mine('BASKETED->product/sku-0104')?.count,
      bought: mine('BOUGHT->product/sku-0104'),
    };
  };

  it(
    'stores every event exactly once when requests fail and answers are lost, once the network is back',
    { timeout: 150_000 },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const network = await controlNetwork(context);
      const page = await context.newPage();
      await page.goto(`${demo.service.baseUrl}/demo/product/sku-0104`);
      await waitForBox(page, 'also-bought', 6);
      await expect.poll(network.openSockets, { timeout: 15_000 }).toBeGreaterThan(0);
      const user = await page.evaluate(() => (window as any).Recograph.instance().user() as string);
      await expect
        .poll(async () => (await interactions(user)).viewedA, { timeout: 30_000 })
        .toBe(1);

      await network.goDown();
      const track = (item: string) =>
        page.evaluate(
          (id) => (window as any).Recograph.instance().track('view', { item: id }) as string,
          item,
        );
      await page.getByRole('button', { name: 'Add to basket' }).click();
      const viewIds = [await track('sku-0607')];
      await expect
        .poll(() => network.state.lostAnswerIds.length, { timeout: 30_000 })
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Buy now' }).click();
      viewIds.push(await track('sku-0607'));
      // The later events were tried while the network was down, and failed.
      const buyTried = () =>
        [...network.state.sentWhileDown].some((id) => network.state.events.get(id)?.type === 'buy');
      await expect.poll(buyTried, { timeout: 30_000 }).toBe(true);
      await expect
        .poll(() => network.state.sentWhileDown.has(viewIds[1]!), { timeout: 30_000 })
        .toBe(true);
      const storedWhileDown = new Set((await storedEvents(user)).map((event) => event.id));
      expect(network.state.lostAnswerIds.every((id) => storedWhileDown.has(id))).toBe(true);
      expect((await interactions(user)).bought).toBeUndefined();
      await saveScreenshot(page, 'events-network-down');

      network.goUp();
      // Every event the page sent is stored; the SDK retried by itself (no reload, no `online` event).
      const unstored = async () => {
        const stored = new Set((await storedEvents(user)).map((event) => event.id));
        return [...network.state.events.keys()].filter((id) => !stored.has(id));
      };
      await expect.poll(unstored, { timeout: 90_000, interval: 500 }).toEqual([]);
      expect(viewIds.every((id) => network.state.events.has(id))).toBe(true);
      expect(
        network.state.lostAnswerIds.every((id) => (network.state.sends.get(id) ?? 0) >= 2),
      ).toBe(true);
      const counts = await interactions(user);
      expect(counts).toEqual({
        viewedA: 1,
        viewedB: 2,
        basketed: 1,
        bought: expect.objectContaining({ count: 1, quantity: 1 }),
      });
      // ... and once: the interaction counters and the idempotency records agree with what was done.
      const types = (await storedEvents(user))
        .map((event) => event.type)
        .filter((type) => type !== 'impression');
      expect(types.sort()).toEqual(['basket', 'buy', 'view', 'view', 'view']);
      await saveScreenshot(page, 'events-network-restored');
      await context.close();
    },
  );
});

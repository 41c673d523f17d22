import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { uniqueSiteId } from './test-graph.js';
import { startTestService, type TestService } from './test-service.js';

/** Debian's Chromium (.ci/run installs it); CHROMIUM_PATH points elsewhere. */
const EXECUTABLE_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** Headless Chromium; every context it makes has a fresh profile (a new visitor). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: EXECUTABLE_PATH, args: ARGS, headless: true });
}

/** Kept as a test artefact in test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface DemoService {
  service: TestService;
  siteId: string;
}

/**
 * The real service with the demo shop on a site of its own, once the shop is stocked: the pages
 * load the SDK (and carry the site key) only from then on.
 */
export async function startDemoService(): Promise<DemoService> {
  const siteId = uniqueSiteId('demo-e2e');
  const service = await startTestService({ DEMO: '1' }, { demoSiteId: siteId });
  const stocked = async () =>
    (await (await fetch(`${service.baseUrl}/demo`)).text()).includes('data-site-key="pk_');
  await waitUntil(stocked, { timeoutMs: 170_000, what: 'the demo shop to be stocked' });
  return { service, siteId };
}

/** Polls a condition (for hooks, where expect.poll is not available); throws after the timeout. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  options: { timeoutMs: number; what: string },
): Promise<void> {
  const until = Date.now() + options.timeoutMs;
  while (!(await check())) {
    if (Date.now() > until)
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The ids shown by a recommendation box of the demo (`data-box`), in order; hidden entries left out. */
export function readBox(page: Page, box: string): Promise<string[]> {
  return page.$$eval(
    `recograph-recommendations[data-box="${box}"]:not([hidden]) .rg-item:not([hidden])`,
    (entries) => entries.map((entry) => (entry as HTMLElement).dataset.itemId ?? ''),
  );
}

/** Waits until the box shows `count` items (the boxes render live, after the page has loaded). */
export async function waitForBox(
  page: Page,
  box: string,
  count: number,
  timeout = 30_000,
): Promise<string[]> {
  await expect
    .poll(() => readBox(page, box).then((ids) => ids.length), { timeout, interval: 200 })
    .toBe(count);
  return readBox(page, box);
}

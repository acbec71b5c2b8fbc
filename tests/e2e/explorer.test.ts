import { existsSync } from 'node:fs';
import { chromium, Browser } from 'playwright-core';
import { Supergraph, startSupergraph } from './supergraph';

/**
 * The explorer at the gateway's root, in a real headless Chromium (Debian's package): it loads
 * without the internet — every file comes from the gateway — and its first example returns data.
 * Without Chromium the suite says so and is skipped, except in CI, where `.ci/run` installs it.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && /^(1|true)$/i.test(process.env.CI ?? '')) throw new Error(`CI needs Chromium at ${CHROMIUM} for the explorer test`);
// eslint-disable-next-line no-console -- the reason a suite is skipped belongs in the run's output
if (!available) console.log(`Chromium not found at ${CHROMIUM}: SKIPPING the explorer test (apt-get install chromium)`);
const maybe = available ? describe : describe.skip;

let supergraph: Supergraph;
let browser: Browser;

maybe('the explorer', () => {
  beforeAll(async () => {
    supergraph = await startSupergraph();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await supergraph?.close();
  });

  it('loads from the gateway alone and runs its first example query', async () => {
    const page = await browser.newPage();
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    await page.goto(supergraph.gateway.url.replace(/\/graphql$/, '/'));
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    const response = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('TownshipMenus'), { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    const body = (await (await response).json()) as { data?: { sites: { totalCount: number; edges: { node: { name: string } }[] } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data!.sites.totalCount).toBeGreaterThan(0);
    // The answer shows in the result pane.
    // A page expression: it runs in the browser, whose DOM these Node.js sources do not type.
    const shown = `document.querySelector('.graphiql-response')?.textContent?.includes(${JSON.stringify(body.data!.sites.edges[0].node.name)})`;
    await page.waitForFunction(shown, undefined, { timeout: 30_000 });
    expect([...origins]).toEqual([new URL(supergraph.gateway.url).origin]);
  }, 90_000);
});

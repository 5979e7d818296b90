/**
 * Accessibility of every extension page, with axe-core (WCAG 2.1 A and AA rules) in Debian's Chromium: the popup
 * and side panel showing the seed article's context (after the demo corpus), in light and dark colour schemes,
 * the options page and the onboarding page. axe is evaluated through the DevTools protocol, so the pages' strict CSP stays as is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  visit,
} from '../../scripts/lib/extension-browser';
import { demoPages, demoRoutes, SEED_PATH, type Site, serveRoutes } from '../../scripts/lib/serve';
import { axeViolations } from './lib/axe';

let b: ExtensionBrowser;
let site: Site;
let seedTab: number;

beforeAll(async () => {
  site = await serveRoutes(demoRoutes());
  b = await launchWithExtension();
  for (const p of demoPages()) (await visit(b, site.origin + p.path)).page.close();
  seedTab = (await visit(b, site.origin + SEED_PATH)).tabId;
}, 180_000);

afterAll(async () => {
  await b?.close();
  await site?.close();
});

describe('axe-core on the extension pages: 0 violations', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const name of ['popup', 'sidepanel'] as const) {
      it(`${name} with the seed article's context (${scheme})`, async () => {
        const page = await openExtensionPage(b, name, seedTab);
        await page.emulateMedia({ colorScheme: scheme });
        await page
          .getByRole('heading', { name: /timeline/i })
          .first()
          .waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.close();
      });
    }
  }

  it('finds a violation when there is one (the check can fail)', async () => {
    const page = await openExtensionPage(b, 'options');
    await page.getByRole('heading').first().waitFor();
    await page.evaluate(() =>
      document.body.append(Object.assign(document.createElement('img'), { src: 'icon/16.png' })),
    );
    expect((await axeViolations(page)).join('\n')).toMatch(/^image-alt/m);
    await page.close();
  });

  it('onboarding page', async () => {
    const page = await b.context.newPage();
    await page.goto(`chrome-extension://${b.extensionId}/onboarding.html`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('options page', async () => {
    const page = await openExtensionPage(b, 'options');
    await page.getByRole('heading').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

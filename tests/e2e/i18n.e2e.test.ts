/**
 * The extension in German and right to left, in Debian's Chromium. Chromium on Linux takes the extension's
 * locale from `--lang` (the LANGUAGE and LANG of the browser process alone do not change it, and
 * `i18n.getUILanguage()` keeps saying en-US: lib/i18n.ts follows the catalogue then). The popup, side panel,
 * options and onboarding pages must show the German catalogue, German dates and numbers, and stay axe-clean;
 * forced to `dir="rtl"`, the popup and side panel must mirror (logical CSS) without overflowing sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import {
  type ExtensionBrowser,
  launchWithExtension,
  openExtensionPage,
  visit,
} from '../../scripts/lib/extension-browser';
import { demoPages, demoRoutes, SEED_PATH, type Site, serveRoutes } from '../../scripts/lib/serve';
import { axeViolations } from './lib/axe';

declare const chrome: {
  i18n: { getMessage(key: string): string; getUILanguage(): string };
  runtime: { getManifest(): { name: string; commands?: Record<string, { description?: string }> } };
};

let b: ExtensionBrowser;
let site: Site;
let seedTab: number;

beforeAll(async () => {
  site = await serveRoutes(demoRoutes());
  b = await launchWithExtension({ args: ['--lang=de'] });
  for (const p of demoPages()) (await visit(b, site.origin + p.path)).page.close();
  seedTab = (await visit(b, site.origin + SEED_PATH)).tabId;
}, 180_000);

afterAll(async () => {
  await b?.close();
  await site?.close();
});

/** The popup's size in Chrome (its page sets its own width; the height is the browser's maximum). */
const POPUP = { width: 400, height: 600 };

async function contextPage(name: 'popup' | 'sidepanel'): Promise<Page> {
  const page = await openExtensionPage(b, name, seedTab);
  await page.setViewportSize(name === 'popup' ? POPUP : { width: 360, height: 800 });
  await page.getByRole('heading', { name: de.timelineTitle.message, exact: true }).waitFor();
  return page;
}

/** Elements that reach past the page's left or right edge, or a page wider than its viewport. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width + 1) {
      out.push(`page ${document.documentElement.scrollWidth}px wide in ${width}px`);
    }
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest('.visually-hidden')) continue;
      if (box.left < -1 || box.right > width + 1) {
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} [${Math.round(box.left)}, ${Math.round(box.right)}]`,
        );
      }
    }
    return out;
  });
}

describe('Chromium with --lang=de', () => {
  it('gives the extension the German catalogue, its name and its shortcuts in German', async () => {
    const answer = await b.worker.evaluate(() => ({
      ui: chrome.i18n.getUILanguage(),
      loading: chrome.i18n.getMessage('contextLoading'),
      commands: Object.values(chrome.runtime.getManifest().commands ?? {}).map((c) => c.description),
    }));
    expect(answer.loading).toBe(de.contextLoading.message);
    expect(answer.commands).toContain(de.commandLookup.message);
  });

  for (const name of ['popup', 'sidepanel'] as const) {
    it(`${name}: the seed article's context in German (lang, headings, dates, counts), axe-clean`, async () => {
      const page = await contextPage(name);
      expect(
        await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ).toEqual(['de', 'ltr']);
      for (const key of ['contextBackground', 'timelineTitle', 'relatedTitle'] as const) {
        await page.getByRole('heading', { name: de[key].message, exact: true }).waitFor();
        expect(await page.getByRole('heading', { name: en[key].message, exact: true }).count()).toBe(0);
      }
      expect(await page.getByText(de.contextEyebrow.message).count()).toBe(1);
      // The article's date in German ("27. Juni 2025"), and a count from the German plural forms.
      expect(await page.locator('.article-header time').textContent()).toMatch(
        /^\d{1,2}\. \p{L}+\.? \d{4}$/u,
      );
      expect(await page.locator('.entity-count').first().textContent()).toMatch(/^\d+ Erwähnung(en)?$/);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('options page in German, its title too, axe-clean', async () => {
    const page = await openExtensionPage(b, 'options');
    await page.getByRole('heading', { name: de.optionsDataHeading.message }).waitFor();
    await page.getByRole('heading', { name: de.optionsPrivacyHeading.message }).waitFor();
    await page.getByRole('button', { name: de.optionsExport.message }).waitFor();
    expect(await page.title()).toBe(de.optionsTitle.message);
    // The stored counts as German numbers (no English text left on the page).
    expect(await page.locator('body').textContent()).not.toContain(en.optionsStoriesRead.message);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('onboarding page in German, axe-clean', async () => {
    const page = await b.context.newPage();
    await page.goto(`chrome-extension://${b.extensionId}/onboarding.html`);
    await page.getByRole('heading', { level: 1, name: de.onboardingTitle.message }).waitFor();
    expect(await page.title()).toBe(de.onboardingTitle.message);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('right to left', () => {
  for (const name of ['popup', 'sidepanel'] as const) {
    it(`${name} with dir=rtl mirrors, does not overflow sideways and stays axe-clean`, async () => {
      const page = await contextPage(name);
      const before = await overflow(page);
      expect(before).toEqual([]);
      await page.evaluate(() => {
        document.documentElement.dir = 'rtl';
      });
      // The timeline's rule moves to the right: logical properties, not left/right.
      const rule = await page
        .locator('.timeline')
        .first()
        .evaluate((el) => {
          const style = getComputedStyle(el);
          return { right: style.borderRightWidth, left: style.borderLeftWidth };
        });
      expect(rule).toEqual({ right: '2px', left: '0px' });
      // The brand starts at the right edge of the app bar.
      const bar = await page.locator('.app-bar').boundingBox();
      const brand = await page.locator('.brand').first().boundingBox();
      expect(bar!.x + bar!.width - (brand!.x + brand!.width)).toBeLessThan(bar!.width / 4);
      expect(await overflow(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('the overflow check finds an element past the edge (it can fail)', async () => {
    const page = await contextPage('popup');
    await page.evaluate(() => {
      const wide = document.createElement('p');
      wide.style.cssText = 'width: 900px; margin-inline-start: 0';
      wide.textContent = 'x';
      document.body.append(wide);
    });
    expect((await overflow(page)).length).toBeGreaterThan(0);
    await page.close();
  });
});

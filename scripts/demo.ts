/**
 * `npm start`: the built extension in Debian's Chromium (headed when a display exists, headless otherwise),
 * the demo corpus and the seed page served on 127.0.0.1, visited like a reader would; then the popup and side
 * panel for the seed page are captured into demo-output/ (screenshots and a text dump of the context).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TabView } from '../core/model';
import {
  type ChromeInPage,
  EXTENSION_DIR,
  launchWithExtension,
  openExtensionPage,
  visit,
} from './lib/extension-browser';
import { demoPages, demoRoutes, ROOT, SEED_PATH, serveRoutes } from './lib/serve';

declare const chrome: ChromeInPage;

const OUT = path.join(ROOT, 'demo-output');

function dump(view: TabView): string {
  if (view.state !== 'ready') return `State: ${view.state}${'message' in view ? ` — ${view.message}` : ''}\n`;
  const { story, background, timeline, related } = view.context;
  const lines = [
    `${story.title}`,
    `${story.publisher ?? ''} · ${story.publishedAt ?? 'undated'} · ${story.url}`,
    '',
    'BACKGROUND',
    `  People: ${background.people.map((e) => (e.role ? `${e.name} (${e.role})` : e.name)).join('; ')}`,
    `  Organisations: ${background.organizations.map((e) => e.name).join('; ')}`,
    `  Places: ${background.places.map((e) => e.name).join('; ')}`,
    '  Earlier:',
    ...background.past.map((s) => `    - ${s.text}`),
    '',
    'TIMELINE',
    ...timeline.map(
      (e) => `  ${e.label.padEnd(20)} ${e.text}  [${e.sources.map((s) => s.publisher ?? s.url).join(', ')}]`,
    ),
    '',
    'RELATED',
    ...related.map(
      (r) =>
        `  ${r.kind.padEnd(8)} ${r.title} (${r.publisher ?? ''}, ${r.publishedAt?.slice(0, 10) ?? ''}) — ` +
        `shared: ${[...r.reasons.entities, ...r.reasons.terms].join(', ')}; ${r.reasons.daysApart ?? '?'} days apart`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const headless = !process.env.DISPLAY;
  console.log(`Backstory demo: ${EXTENSION_DIR} in Chromium (${headless ? 'headless' : 'headed'})`);
  const site = await serveRoutes(demoRoutes());
  const b = await launchWithExtension({ headless });
  try {
    for (const p of demoPages()) {
      const v = await visit(b, site.origin + p.path);
      console.log(`  read ${p.path} → ${v.view}`);
      await v.page.close();
    }
    const seed = await visit(b, site.origin + SEED_PATH);
    console.log(`  read ${SEED_PATH} (seed) → ${seed.view}`);
    await seed.page.screenshot({ path: path.join(OUT, 'seed-page.png') });

    const popup = await openExtensionPage(b, 'popup', seed.tabId);
    // The popup as the reader sees it (400 × 600), and the whole of it.
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.getByRole('heading', { level: 1 }).first().waitFor();
    await popup.screenshot({ path: path.join(OUT, 'popup.png') });
    await popup.screenshot({ path: path.join(OUT, 'popup-full.png'), fullPage: true });
    const panel = await openExtensionPage(b, 'sidepanel', seed.tabId);
    await panel.setViewportSize({ width: 380, height: 900 });
    await panel.getByRole('heading', { level: 1 }).first().waitFor();
    await panel.screenshot({ path: path.join(OUT, 'sidepanel.png') });
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: path.join(OUT, 'sidepanel-dark.png') });
    const popupText = await popup.locator('body').innerText();
    // Ask the background for the context the same way the popup does.
    const view = await popup.evaluate(
      (tabId) => chrome.runtime.sendMessage({ type: 'getTabView', data: { tabId } }),
      seed.tabId,
    );
    writeFileSync(path.join(OUT, 'popup.txt'), popupText);

    const reply = view as { ok?: boolean; value?: TabView } | null;
    const text = reply?.ok && reply.value ? dump(reply.value) : popupText;
    writeFileSync(path.join(OUT, 'context.txt'), text);
    console.log(`\n${text}`);
    console.log(
      `Wrote ${path.relative(ROOT, OUT)}/: popup.png, popup-full.png, sidepanel.png, sidepanel-dark.png, seed-page.png, context.txt, popup.txt`,
    );
  } finally {
    await b.close();
    await site.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * `npx tsx scripts/make-icons.ts`: renders assets/icon.svg into the PNG sizes the stores and browsers ask for
 * (public/icon/<size>.png, which WXT puts in the manifest), with Debian's Chromium.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './lib/serve';

const SIZES = [16, 32, 48, 96, 128];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const svg = readFileSync(path.join(ROOT, 'assets/icon.svg'), 'utf8');
for (const size of SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: path.join(ROOT, `public/icon/${size}.png`), omitBackground: true });
  await page.close();
}
await browser.close();
console.log(`icons: ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);

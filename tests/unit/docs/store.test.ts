// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const store = readFileSync('docs/store.md', 'utf8');
const catalogue = (lang: string) =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<
    string,
    { message: string }
  >;

/** The value after a bold label on its own line ("**Short description**: …"). */
function field(label: string): string | undefined {
  return store.match(new RegExp(`^\\*\\*${label}\\*\\*: (.+)$`, 'm'))?.[1];
}

describe('store listing (docs/store.md)', () => {
  it.each([
    ['en', 'Short description'],
    ['de', 'Kurzbeschreibung'],
  ])(
    '%s: quotes the manifest description exactly, within the Chrome Web Store limit of 132 characters',
    (lang, label) => {
      const description = catalogue(lang).extDescription!.message;
      expect(field(label)).toBe(description);
      expect(description.length).toBeLessThanOrEqual(132);
    },
  );

  it('names the extension as the manifest does', () => {
    expect([...store.matchAll(/^\*\*Name\*\*: (.+)$/gm)].map((m) => m[1])).toEqual([
      catalogue('en').extName!.message,
      catalogue('de').extName!.message,
    ]);
  });

  it('justifies every permission the manifest asks for', async () => {
    const { default: config } = (await import('../../../wxt.config')) as {
      default: { manifest: (env: { browser: string }) => { permissions: string[] } };
    };
    for (const browser of ['chrome', 'firefox']) {
      for (const permission of config.manifest({ browser }).permissions) {
        expect(store, permission).toContain(`\`${permission}\``);
      }
    }
  });
});

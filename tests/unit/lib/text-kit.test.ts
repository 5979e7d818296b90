// @vitest-environment node
/**
 * The text kit's registry and loader (lib/text-kit): the background takes its NLP and readers from text-kit.js
 * when first needed. The real loading is shown in Chromium and Firefox by the e2e suite (extension.e2e.test.ts:
 * a restarted worker; firefox.e2e.test.ts: a page read in the background page).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { provideTextKit, TEXT_KIT_GLOBAL, textKit } from '@/lib/text-kit';
import { directTextKit } from '@/lib/text-kit/direct';
import { loadTextKit, TEXT_KIT_FILE } from '@/lib/text-kit/load';

const scope = globalThis as Record<string, unknown>;

afterEach(() => {
  delete scope[TEXT_KIT_GLOBAL];
  delete scope.importScripts;
  provideTextKit(() => directTextKit); // as tests/setup/text-kit.ts left it
});

describe('textKit', () => {
  it('loads the kit once, on first use', async () => {
    let loads = 0;
    provideTextKit(async () => {
      loads++;
      return directTextKit;
    });
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([textKit(), textKit()]);
    expect(a).toBe(directTextKit);
    expect(b).toBe(directTextKit);
    expect(loads).toBe(1);
  });

  it('tries again after a load that failed', async () => {
    let loads = 0;
    provideTextKit(async () => {
      if (++loads === 1) throw new Error('network');
      return directTextKit;
    });
    await expect(textKit()).rejects.toThrow('network');
    await expect(textKit()).resolves.toBe(directTextKit);
    expect(loads).toBe(2);
  });

  it('the direct kit reads an article as the extension does', async () => {
    const kit = await textKit();
    const analysis = kit.analyzeArticle({
      title: 'Council approves the harbour plan',
      text: 'Mayor Ilse Okafor said on Monday that the council in Bergen had approved the plan.',
      publishedAt: '2025-03-04',
      lang: 'en',
    });
    expect(analysis.entities.map((e) => e.name)).toContain('Ilse Okafor');
  });
});

describe('loadTextKit', () => {
  it('imports text-kit.js with importScripts where there is one (a service worker)', async () => {
    const imported: string[] = [];
    scope.importScripts = (url: string) => {
      imported.push(url);
      scope[TEXT_KIT_GLOBAL] = directTextKit;
    };
    await expect(loadTextKit()).resolves.toBe(directTextKit);
    await loadTextKit();
    expect(imported).toEqual([TEXT_KIT_FILE]); // once: the kit stays in the worker
  });

  it('says so when the script provided no kit', async () => {
    scope.importScripts = () => undefined;
    await expect(loadTextKit()).rejects.toThrow(/text-kit\.js did not provide the text kit/);
  });

  it('passes on the failure of importScripts (a worker that did not import the kit at install)', async () => {
    scope.importScripts = () => {
      throw new Error('NetworkError: failed to load');
    };
    await expect(loadTextKit()).rejects.toThrow(/NetworkError/);
  });
});

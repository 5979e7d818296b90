// @vitest-environment node
/**
 * The catalogue and the sources agree: every key the code asks for exists in English (both forms of a plural),
 * every English key is asked for somewhere (or by the manifest), and no text in the UI's JSX bypasses t().
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import type { MessageCatalog } from '@/core/i18n/format';

const root = join(__dirname, '../../../..');
const en = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8')) as MessageCatalog;

function sources(dir: string, ext = /\.tsx?$/): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path, ext);
    return ext.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const code = ['components', 'entrypoints', 'lib', 'core', 'page'].flatMap((dir) => sources(dir));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** t('key'), tp('base'), tAround('key'): the first argument, as written. */
const CALL = /(?<![\w.$])(t|tp|tAround)\(\s*('([^'\\]*)'|[^\s)])/g;
/** The content script has no polyfill and calls `i18n.getMessage('key', …)` itself (lib/badges/content.ts). */
const GET_MESSAGE = /\bgetMessage\(\s*'([^'@\\]+)'/g;

function calls() {
  const found: { file: string; fn: string; key: string | null }[] = [];
  for (const file of code) {
    const text = read(file);
    for (const m of text.matchAll(GET_MESSAGE)) found.push({ file, fn: 'getMessage', key: m[1]! });
    // Only modules that have t() (a regex elsewhere may contain "t(").
    if (file !== join('lib', 'i18n.ts') && !text.includes("from '@/lib/i18n'")) continue;
    for (const m of text.matchAll(CALL)) {
      found.push({ file, fn: m[1]!, key: m[3] ?? null });
    }
  }
  return found;
}

describe('message keys in the sources', () => {
  const all = calls();
  const outside = all.filter((c) => c.file !== join('lib', 'i18n.ts'));

  it('finds the calls (the scan itself works)', () => {
    expect(outside.filter((c) => c.fn === 't').length).toBeGreaterThan(100);
    expect(outside.filter((c) => c.fn === 'tp').length).toBeGreaterThan(20);
  });

  it('passes every key as a literal, so this scan sees it', () => {
    expect(outside.filter((c) => c.key === null)).toEqual([]);
  });

  it('asks only for keys of the English catalogue; a plural has its _one and _other forms', () => {
    const missing = all.flatMap(({ file, fn, key }) => {
      if (key === null) return [];
      const needed = fn === 'tp' ? [`${key}_one`, `${key}_other`] : [key];
      return needed.filter((k) => !(k in en)).map((k) => `${file}: ${k}`);
    });
    expect(missing).toEqual([]);
  });

  it('uses every key of the catalogue (the manifest’s __MSG_ keys count)', () => {
    const used = new Set<string>();
    for (const { fn, key } of all) {
      if (key === null) continue;
      if (fn !== 'tp') used.add(key);
      else for (const k of Object.keys(en)) if (k.startsWith(`${key}_`)) used.add(k);
    }
    for (const m of read('wxt.config.ts').matchAll(/__MSG_(\w+)__/g)) used.add(m[1]!);
    expect(Object.keys(en).filter((key) => !used.has(key))).toEqual([]);
  });
});

// ——— JSX text that bypasses t() ———

type Node = { type: string; [key: string]: unknown };

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
  visit(node as Node);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc' && key !== 'extra' && value && typeof value === 'object') walk(value, visit);
  }
}

/** Attributes the reader sees or hears. */
const SEEN_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);
const LETTERS = /\p{L}/u;
/** Words that are no text to translate: the keyboard's names, and an empty-ish separator. */
const ALLOWED = new Set<string>([]);
/** A sentence in a string: "Feeds are on.", "Could not list your feeds" (not "button button-small"). */
const SENTENCE = /^[\p{Lu}][\p{Ll}]+( [\p{L}’']+){2,}|\p{L}[.!?…]$/u;

function untranslated(file: string): string[] {
  const ast = parse(read(file), { sourceType: 'module', plugins: ['typescript', 'jsx'] });
  const found: string[] = [];
  const at = (node: Node, text: string) =>
    found.push(`${file}:${(node.loc as { start: { line: number } }).start.line}: ${text.trim()}`);
  walk(ast.program, (node) => {
    if (node.type === 'JSXText') {
      const text = String(node.value).trim();
      if (LETTERS.test(text) && !ALLOWED.has(text)) at(node, text);
    }
    if (node.type === 'JSXAttribute') {
      const name = (node.name as { name?: string }).name ?? '';
      const value = node.value as Node | null;
      if (SEEN_ATTRIBUTES.has(name) && value?.type === 'StringLiteral' && LETTERS.test(String(value.value))) {
        at(node, `${name}="${String(value.value)}"`);
      }
    }
    if (node.type === 'JSXExpressionContainer') {
      const inner = node.expression as Node;
      if (inner.type === 'StringLiteral' && LETTERS.test(String(inner.value))) at(node, String(inner.value));
    }
    if (node.type === 'StringLiteral' && SENTENCE.test(String(node.value))) at(node, String(node.value));
    if (node.type === 'TemplateElement') {
      const raw = (node.value as { raw: string }).raw;
      if (SENTENCE.test(raw.trim())) at(node, raw);
    }
  });
  return found;
}

describe('text in the UI goes through t()', () => {
  const ui = ['components', 'entrypoints']
    .flatMap((dir) => sources(dir))
    .filter((f) => !f.endsWith('page-reader.ts') && !f.endsWith('page-gate.ts'));

  it('scans every component and page', () => {
    expect(ui.length).toBeGreaterThan(20);
  });

  it('finds untranslated text when there is some (the scan itself works)', () => {
    const ast = parse('const a = <p title="Hello there">Read more <b>{"now"}</b></p>;', {
      sourceType: 'module',
      plugins: ['typescript', 'jsx'],
    });
    const texts: string[] = [];
    walk(ast.program, (node) => {
      if (node.type === 'JSXText' && LETTERS.test(String(node.value))) texts.push(String(node.value).trim());
    });
    expect(texts).toEqual(['Read more']);
    expect(SENTENCE.test('Feeds are on.')).toBe(true);
    expect(SENTENCE.test('button button-small button-secondary')).toBe(false);
  });

  it('leaves no JSX text, seen attribute or sentence with letters outside the catalogue', () => {
    expect(ui.flatMap((file) => untranslated(relative(root, join(root, file))))).toEqual([]);
  });
});

/**
 * "Show in the page": a sentence of the article open in the tab, scrolled to and highlighted in the page itself
 * (scripting.executeScript, under the activeTab grant the toolbar button, the shortcut or the context menu
 * gives). The highlight is drawn in Backstory's own closed shadow root, in a zero-size absolutely positioned
 * host, so the page's layout and DOM are left alone; it is removed on the reader's next click, key, wheel or
 * scroll, and by the next highlight. Where the tab cannot be scripted, the caller opens the sentence's
 * text-fragment link instead.
 */
import { browser } from 'wxt/browser';

export const HIGHLIGHT_HOST_ID = 'backstory-highlight-host';

/**
 * Runs in the page (serialised by the browser): it must not close over anything. Finds `sentence` in the
 * page's text (whitespace and case folded; its first words and last words when the whole does not match),
 * scrolls to it and highlights it. Returns whether it was found.
 */
export function highlightSentenceInPage(sentence: string, hostId: string): boolean {
  document.getElementById(hostId)?.remove();
  const body = document.body;
  if (!body) return false;
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement && !skip.has(node.parentElement.tagName)
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_REJECT,
  });
  // The page's text with whitespace collapsed and lower-cased, and where each character came from.
  const chars: string[] = [];
  const nodeOf: number[] = [];
  const offsetOf: number[] = [];
  const nodes: Text[] = [];
  let lastSpace = true;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let i = 0; i < data.length; i++) {
      const c = data[i]!;
      if (/\s/.test(c)) {
        if (lastSpace) continue;
        chars.push(' ');
        lastSpace = true;
      } else {
        const lower = c.toLowerCase();
        chars.push(lower.length === 1 ? lower : c);
        lastSpace = false;
      }
      nodeOf.push(nodes.length);
      offsetOf.push(i);
    }
    nodes.push(node as Text);
  }
  const flat = chars.join('');
  const needle = sentence.replace(/\s+/g, ' ').trim().toLowerCase();
  if (!needle) return false;
  let start = flat.indexOf(needle);
  let end = start + needle.length;
  if (start < 0) {
    const words = needle.split(' ');
    const head = words.slice(0, Math.min(6, words.length)).join(' ');
    const tail = words.slice(-4).join(' ');
    start = flat.indexOf(head);
    if (start < 0) return false;
    const tailAt = flat.indexOf(tail, start + head.length);
    end = tailAt >= 0 && tailAt - start < needle.length * 2 ? tailAt + tail.length : start + head.length;
  }
  const range = document.createRange();
  range.setStart(nodes[nodeOf[start]!]!, offsetOf[start]!);
  range.setEnd(nodes[nodeOf[end - 1]!]!, offsetOf[end - 1]! + 1);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);

  const host = document.createElement('div');
  host.id = hostId;
  host.setAttribute(
    'style',
    'all:initial;position:absolute;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483647;pointer-events:none;',
  );
  const root = host.attachShadow({ mode: 'closed' });
  for (const r of rects) {
    const mark = document.createElement('div');
    mark.setAttribute(
      'style',
      `position:absolute;left:${r.left + window.scrollX - 2}px;top:${r.top + window.scrollY - 1}px;` +
        `width:${r.width + 4}px;height:${r.height + 2}px;background:rgba(255,213,0,0.35);` +
        'outline:2px solid rgba(230,150,0,0.9);border-radius:3px;pointer-events:none;',
    );
    root.append(mark);
  }
  document.documentElement.append(host);

  const first = rects[0] ?? range.getBoundingClientRect();
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  window.scrollTo({
    top: Math.max(0, first.top + window.scrollY - window.innerHeight / 3),
    behavior: reduced ? 'auto' : 'smooth',
  });

  const events = ['mousedown', 'keydown', 'wheel', 'touchstart'];
  const remove = () => {
    host.remove();
    for (const type of [...events, 'scroll']) window.removeEventListener(type, remove, true);
  };
  for (const type of events) window.addEventListener(type, remove, { capture: true, passive: true });
  // Our own smooth scroll is not the reader's: listen for scrolling once it is over.
  setTimeout(() => {
    if (host.isConnected) window.addEventListener('scroll', remove, { capture: true, passive: true });
  }, 900);
  return true;
}

/** Highlights the sentence in the tab; false when the tab cannot be scripted or the sentence is not found. */
export async function highlightInTab(tabId: number, sentence: string): Promise<boolean> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: highlightSentenceInPage,
      args: [sentence, HIGHLIGHT_HOST_ID],
    });
    return result?.result === true;
  } catch {
    return false;
  }
}

/** Highlights in the tab, or opens `fallbackUrl` (the sentence's text-fragment link) in a new tab. */
export async function showInPage(tabId: number | null, sentence: string, fallbackUrl: string): Promise<void> {
  if (tabId !== null && (await highlightInTab(tabId, sentence))) return;
  await browser.tabs.create({ url: fallbackUrl });
}

/**
 * What a page does to itself while it loads, recorded from inside it: every DOM mutation (a MutationObserver on
 * the document from document start, installed with addInitScript) and every layout shift (PerformanceObserver
 * 'layout-shift', buffered). A mutation is kept as a signature (kind, where, what), so that two loads of the same
 * page — with and without the extension — can be compared: what only the load with the extension shows was
 * caused by the extension.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface ProbeResult {
  /** Mutation signature → how many times it was seen. */
  mutations: Record<string, number>;
  /** Layout shifts: score and the nodes that moved. */
  shifts: { value: number; sources: string[] }[];
  /** Whether the probe ran from document start (false: the page replaced it, or it never ran). */
  installed: boolean;
}

/** The probe's global in the page's main world. */
const PROBE = '__backstoryHarmProbe';

/** Runs in the page before any of its own scripts. */
function probe(name: string): void {
  const where = (node: Node | null): string => {
    const parts: string[] = [];
    for (let n = node; n && parts.length < 40; n = n.parentNode) {
      if (n.nodeType === 9) break;
      const el = n as Element;
      parts.push(el.id ? `${n.nodeName.toLowerCase()}#${el.id}` : n.nodeName.toLowerCase());
    }
    return parts.reverse().join('>');
  };
  const mutations = new Map<string, number>();
  const shifts: { value: number; sources: string[] }[] = [];
  const count = (sig: string) => mutations.set(sig, (mutations.get(sig) ?? 0) + 1);
  new MutationObserver((records) => {
    for (const r of records) {
      const at = where(r.target);
      if (r.type === 'attributes') count(`attr ${at} @${r.attributeName}`);
      else if (r.type === 'characterData') count(`text ${at}`);
      else {
        for (const n of Array.from(r.addedNodes)) count(`add ${at} +${n.nodeName.toLowerCase()}`);
        for (const n of Array.from(r.removedNodes)) count(`remove ${at} -${n.nodeName.toLowerCase()}`);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        value: number;
        sources?: { node?: Node | null }[];
      })[]) {
        shifts.push({ value: e.value, sources: (e.sources ?? []).map((s) => where(s.node ?? null)) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    // No layout-shift entries in this browser: none are recorded.
  }
  Object.defineProperty(window, name, {
    value: { mutations, shifts },
    enumerable: false,
  });
}

export async function installProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(probe, PROBE);
}

/** Reads what the probe recorded so far (after letting pending observer callbacks run). */
export async function readProbe(page: Page): Promise<ProbeResult> {
  return page.evaluate(async (name) => {
    await new Promise((r) => setTimeout(r, 0));
    const p = (window as unknown as Record<string, unknown>)[name] as
      | { mutations: Map<string, number>; shifts: { value: number; sources: string[] }[] }
      | undefined;
    if (!p) return { mutations: {}, shifts: [], installed: false };
    return { mutations: Object.fromEntries(p.mutations), shifts: [...p.shifts], installed: true };
  }, PROBE);
}

/** Mutations in `withExt` beyond those of `without` (signature → excess count). */
export function extraMutations(withExt: ProbeResult, without: ProbeResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [sig, n] of Object.entries(withExt.mutations)) {
    const extra = n - (without.mutations[sig] ?? 0);
    if (extra > 0) out[sig] = extra;
  }
  return out;
}

/** Layout shifts in `withExt` that the load without the extension did not have (same nodes, same score). */
export function extraShifts(withExt: ProbeResult, without: ProbeResult): ProbeResult['shifts'] {
  const left = [...without.shifts];
  const out: ProbeResult['shifts'] = [];
  for (const s of withExt.shifts) {
    const i = left.findIndex(
      (o) => Math.abs(o.value - s.value) < 1e-4 && o.sources.join('|') === s.sources.join('|'),
    );
    if (i >= 0) left.splice(i, 1);
    else out.push(s);
  }
  return out;
}

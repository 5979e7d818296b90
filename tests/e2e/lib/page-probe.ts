/**
 * What a page does to itself while it loads, recorded from inside it: every DOM mutation (a MutationObserver on
 * the document from document start, installed with addInitScript) and every layout shift (PerformanceObserver
 * 'layout-shift', buffered). A mutation is kept as a signature (kind, where, what), so that two loads of the same
 * page — with and without the extension — can be compared: what only the load with the extension shows was
 * caused by the extension.
 *
 * An attribute the page's own script sets is the page's, however many times it sets it (a lazy loader swaps an
 * image's class and src a number of times that depends on the frames it gets). The probe wraps, in the page's
 * main world, the DOM calls that set attributes (setAttribute and its kin, classList, className, id and the
 * src, srcset, sizes and href properties); an attribute mutation that such a call queued is counted apart, in
 * `pageWrites`, not in `mutations`. The extension's content script runs in an isolated world with its own DOM
 * wrappers: none of its calls goes through the page's, so whatever it changed stays in `mutations`.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface ProbeResult {
  /** Mutation signature → how many times it was seen (attribute changes the page's own script made left out). */
  mutations: Record<string, number>;
  /** Attribute changes made by the page's own script, by signature. */
  pageWrites: Record<string, number>;
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
  const pageWrites = new Map<string, number>();
  // Attribute writes by the page's own script not yet matched to their mutation record: element → name → count.
  const pending = new WeakMap<Element, Map<string, number>>();
  const mark = (el: unknown, name: unknown) => {
    if (!(el instanceof Element) || typeof name !== 'string') return;
    const names = pending.get(el) ?? new Map<string, number>();
    pending.set(el, names);
    const key = name.toLowerCase();
    names.set(key, (names.get(key) ?? 0) + 1);
  };
  const byPage = (el: Node, name: string | null): boolean => {
    const names = name === null ? undefined : pending.get(el as Element);
    const n = names?.get(name!.toLowerCase()) ?? 0;
    if (n <= 0) return false;
    names!.set(name!.toLowerCase(), n - 1);
    return true;
  };
  const wrapMethod = (proto: object | undefined, method: string, nameOf: (args: unknown[]) => unknown) => {
    const original = proto && (proto as Record<string, unknown>)[method];
    if (typeof original !== 'function') return;
    (proto as Record<string, unknown>)[method] = function (this: Element, ...args: unknown[]) {
      mark(this, nameOf(args));
      return original.apply(this, args);
    };
  };
  const wrapSetter = (proto: object | undefined, prop: string, attr: string) => {
    const d = proto && Object.getOwnPropertyDescriptor(proto, prop);
    if (!d?.set || !d.configurable) return;
    const set = d.set;
    Object.defineProperty(proto, prop, {
      ...d,
      set(this: Element, value: unknown) {
        mark(this, attr);
        set.call(this, value);
      },
    });
  };
  const E = Element.prototype;
  wrapMethod(E, 'setAttribute', (a) => a[0]);
  wrapMethod(E, 'removeAttribute', (a) => a[0]);
  wrapMethod(E, 'toggleAttribute', (a) => a[0]);
  wrapMethod(E, 'setAttributeNS', (a) => a[1]);
  wrapMethod(E, 'removeAttributeNS', (a) => a[1]);
  wrapSetter(E, 'className', 'class');
  wrapSetter(E, 'id', 'id');
  // classList: a DOMTokenList does not say whose it is; the getter remembers it.
  const owners = new WeakMap<object, Element>();
  const classList = Object.getOwnPropertyDescriptor(E, 'classList');
  if (classList?.get && classList.configurable) {
    const get = classList.get;
    Object.defineProperty(E, 'classList', {
      ...classList,
      get(this: Element) {
        const list = get.call(this) as object;
        owners.set(list, this);
        return list;
      },
    });
    for (const method of ['add', 'remove', 'toggle', 'replace']) {
      const original = (DOMTokenList.prototype as unknown as Record<string, unknown>)[method];
      if (typeof original !== 'function') continue;
      (DOMTokenList.prototype as unknown as Record<string, unknown>)[method] = function (
        this: object,
        ...args: unknown[]
      ) {
        mark(owners.get(this), 'class');
        return original.apply(this, args);
      };
    }
  }
  for (const [proto, props] of [
    [globalThis.HTMLImageElement?.prototype, ['src', 'srcset', 'sizes']],
    [globalThis.HTMLSourceElement?.prototype, ['src', 'srcset', 'sizes']],
    [globalThis.HTMLIFrameElement?.prototype, ['src']],
    [globalThis.HTMLAnchorElement?.prototype, ['href']],
  ] as const) {
    for (const prop of props) wrapSetter(proto, prop, prop);
  }
  new MutationObserver((records) => {
    for (const r of records) {
      const at = where(r.target);
      if (r.type === 'attributes') {
        const sig = `attr ${at} @${r.attributeName}`;
        if (byPage(r.target, r.attributeName)) pageWrites.set(sig, (pageWrites.get(sig) ?? 0) + 1);
        else count(sig);
      } else if (r.type === 'characterData') count(`text ${at}`);
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
    value: { mutations, shifts, pageWrites },
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
      | {
          mutations: Map<string, number>;
          shifts: { value: number; sources: string[] }[];
          pageWrites: Map<string, number>;
        }
      | undefined;
    if (!p) return { mutations: {}, pageWrites: {}, shifts: [], installed: false };
    return {
      mutations: Object.fromEntries(p.mutations),
      pageWrites: Object.fromEntries(p.pageWrites),
      shifts: [...p.shifts],
      installed: true,
    };
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

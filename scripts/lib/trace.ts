/**
 * Main-thread time spent in the extension's content script, from a Chrome trace (CDP Tracing,
 * devtools.timeline): script evaluation and callbacks whose script URL is the extension's, and the long
 * tasks (> 50 ms) that contain them.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The event's time on its thread's CPU clock (µs): without the time the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string } };
}

export interface ScriptCost {
  /** Total main-thread time in the extension's scripts, ms (wall clock: the time the page's main thread was held). */
  totalMs: number;
  /**
   * The same stretches on the main thread's CPU clock, ms, or null when the trace has no thread times: wall time
   * minus the time the thread was runnable but had no core (this machine has two, shared with the browser's other
   * processes and the benchmark itself).
   */
  cpuMs: number | null;
  /** The longest single stretch, ms. */
  longestMs: number;
  /** Tasks over 50 ms that ran extension code. */
  longTasks: number;
  /** Each stretch, in order: what it was (evaluation or a callback) and its time, ms. */
  stretches: { name: string; ms: number }[];
}

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compileModule', 'v8.evaluateModule']);

/**
 * The stretches of the scripts `ours` names (a URL prefix, or a test of the URL). A module's evaluation
 * (`v8.evaluateModule`) names no script: it counts when it is the next module evaluation on the thread after one
 * of ours was compiled, with no other module compiled between (the browser compiles a fetched module in one task, links and evaluates it in
 * the next; its parse runs on another thread, `v8.parseOnBackground`).
 */
function ourScriptEvents(events: TraceEvent[], ours: ScriptFilter): TraceEvent[] {
  const urlIsOurs = (e: TraceEvent) => {
    const url = e.args?.data?.url ?? '';
    return typeof ours === 'string' ? url.startsWith(ours) : url !== '' && ours(url);
  };
  const found = events.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && urlIsOurs(e));
  const modules = events
    .filter((e) => e.ph === 'X' && (e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule'))
    .sort((a, b) => a.ts - b.ts);
  const evaluations: TraceEvent[] = [];
  for (const compiled of found.filter((e) => e.name === 'v8.compileModule')) {
    const next = modules.find((e) => e.tid === compiled.tid && e.ts > compiled.ts);
    if (next?.name === 'v8.evaluateModule' && !urlIsOurs(next)) evaluations.push(next);
  }
  return [...found, ...evaluations];
}

/** Which scripts are ours: a URL prefix, or a test of the URL. */
export type ScriptFilter = string | ((url: string) => boolean);

export function scriptCost(events: TraceEvent[], scripts: ScriptFilter): ScriptCost {
  const ours = ourScriptEvents(events, scripts).sort((a, b) => a.ts - b.ts);
  // Count nested events once: keep only those not inside an earlier one on the same thread.
  const top: TraceEvent[] = [];
  for (const e of ours) {
    const parent = top.find(
      (t) => t.tid === e.tid && t.ts <= e.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0),
    );
    if (!parent) top.push(e);
  }
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 50_000);
  const longTasks = tasks.filter((t) =>
    top.some((e) => e.tid === t.tid && t.ts <= e.ts && e.ts < t.ts + (t.dur ?? 0)),
  ).length;
  const durs = top.map((e) => (e.dur ?? 0) / 1000);
  const cpu = top.every((e) => typeof e.tdur === 'number')
    ? top.reduce((sum, e) => sum + (e.tdur ?? 0) / 1000, 0)
    : null;
  return {
    totalMs: durs.reduce((a, b) => a + b, 0),
    cpuMs: cpu,
    longestMs: Math.max(0, ...durs),
    longTasks,
    stretches: top.map((e) => ({ name: e.name, ms: (e.dur ?? 0) / 1000 })),
  };
}

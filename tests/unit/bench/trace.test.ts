// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { scriptCost } from '../../../scripts/lib/trace';

const URL = 'chrome-extension://abc/page-reader.js';
type Event = Parameters<typeof scriptCost>[0][number];
const ev = (name: string, ts: number, dur: number, extra: Partial<Event> = {}): Event => ({
  name,
  ph: 'X',
  ts,
  dur,
  pid: 1,
  tid: 1,
  args: { data: { url: URL } },
  ...extra,
});

describe('scriptCost: the content script’s main-thread time from a trace', () => {
  it.each([
    {
      name: 'wall and CPU clocks summed over the stretches',
      events: [
        ev('EvaluateScript', 0, 4000, { tdur: 3000 }),
        ev('FunctionCall', 10_000, 6000, { tdur: 2500 }),
      ],
      total: 10,
      cpu: 5.5,
    },
    {
      name: 'an event inside another counts once',
      events: [ev('FunctionCall', 0, 8000, { tdur: 5000 }), ev('FunctionCall', 1000, 2000, { tdur: 2000 })],
      total: 8,
      cpu: 5,
    },
    {
      name: 'another script’s events are not ours',
      events: [
        ev('FunctionCall', 0, 8000, { tdur: 5000 }),
        ev('FunctionCall', 20_000, 9000, {
          tdur: 9000,
          args: { data: { url: 'https://site.example/app.js' } },
        }),
      ],
      total: 8,
      cpu: 5,
    },
    {
      name: 'a trace without thread times has no CPU figure',
      events: [ev('FunctionCall', 0, 8000)],
      total: 8,
      cpu: null,
    },
    { name: 'no stretch of ours: zero on both clocks', events: [], total: 0, cpu: 0 },
    {
      name: 'a module of ours: its compilation, and the next module evaluation on the thread (which names no script)',
      events: [
        ev('v8.compileModule', 0, 100, { tdur: 100 }),
        ev('v8.evaluateModule', 500, 2000, { tdur: 1500, args: {} }),
        ev('FunctionCall', 10_000, 4000, { tdur: 4000 }),
      ],
      total: 6.1,
      cpu: 5.6,
    },
    {
      name: 'a module evaluation after another module compiled, or on another thread, is not ours',
      events: [
        ev('v8.compileModule', 0, 100, { tdur: 100 }),
        ev('v8.evaluateModule', 500, 2000, { tdur: 2000, args: {}, tid: 2 }),
        ev('v8.compileModule', 600, 100, {
          tdur: 100,
          args: { data: { url: 'https://site.example/app.mjs' } },
        }),
        ev('v8.evaluateModule', 800, 3000, { tdur: 3000, args: {} }),
      ],
      total: 0.1,
      cpu: 0.1,
    },
  ])('$name', ({ events, total, cpu }) => {
    const cost = scriptCost(events, URL);
    // A test of the URL instead of a prefix gives the same.
    expect(scriptCost(events, (url) => url === URL).totalMs).toBeCloseTo(cost.totalMs);
    expect(cost.totalMs).toBeCloseTo(total);
    if (cpu === null) expect(cost.cpuMs).toBeNull();
    else expect(cost.cpuMs).toBeCloseTo(cpu);
  });
});

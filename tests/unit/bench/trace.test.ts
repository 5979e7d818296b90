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
  ])('$name', ({ events, total, cpu }) => {
    const cost = scriptCost(events, URL);
    expect(cost.totalMs).toBeCloseTo(total);
    if (cpu === null) expect(cost.cpuMs).toBeNull();
    else expect(cost.cpuMs).toBeCloseTo(cpu);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HEAL_ALARM, registerMaintenance } from '@/lib/background/maintenance';
import { BackstoryDB } from '@/lib/db/schema';

describe('maintenance alarm', () => {
  beforeEach(() => fakeBrowser.reset());

  it('schedules the healing pass and runs it when the alarm fires', async () => {
    const db = new BackstoryDB(`test-${Math.random()}`);
    await db.threads.put({
      id: 'th-1',
      sum: { ferry: 1 },
      keys: ['ferry'],
      size: 1,
      firstTs: 0,
      lastTs: 0,
      dirty: 1,
    });
    registerMaintenance(db);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(HEAL_ALARM)).toBeTruthy());
    await fakeBrowser.alarms.onAlarm.trigger({ name: HEAL_ALARM, scheduledTime: Date.now() });
    // The pass looked at the changed thread and cleared its flag.
    await vi.waitFor(async () => expect((await db.threads.get('th-1'))?.dirty).toBe(0));
  });
});

/**
 * Idle-time upkeep of the story store, driven by alarms so that it survives the MV3 worker being stopped:
 * the thread-healing pass merges threads that turned out to tell the same story, in bounded steps.
 */
import { browser } from 'wxt/browser';
import type { BackstoryDB } from '@/lib/db/schema';
import { HEAL_STEP, HEAL_STEP_MS, healThreads } from '@/lib/threads';

export const HEAL_ALARM = 'backstory-heal';

export async function runMaintenance(db: BackstoryDB): Promise<void> {
  const { done } = await healThreads(db, { maxThreads: HEAL_STEP, budgetMs: HEAL_STEP_MS });
  // More to do: come back soon rather than hold the worker now.
  if (!done) await browser.alarms.create(HEAL_ALARM, { delayInMinutes: 0.5, periodInMinutes: 15 });
}

export function registerMaintenance(db: BackstoryDB): () => void {
  void browser.alarms.create(HEAL_ALARM, { delayInMinutes: 1, periodInMinutes: 15 });
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === HEAL_ALARM) void runMaintenance(db).catch(() => undefined);
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  return () => browser.alarms.onAlarm.removeListener(onAlarm);
}

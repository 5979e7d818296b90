import type { Dexie } from 'dexie';

/**
 * Performance marks the background sets as it starts. Each one's `startTime` is how long after the worker's start
 * it was reached: `npm run bench -- scale` reads them after each cold start.
 */
/** The background's main function begins: the script is loaded, compiled and evaluated. */
export const WORKER_MAIN_MARK = 'backstory-worker-main';
/** The listeners are registered: the worker can answer. */
export const WORKER_READY_MARK = 'backstory-worker-ready';
/** The database is open (its first request no longer waits for the open). */
export const DB_OPEN_MARK = 'backstory-db-open';

/**
 * Opens the database as the worker starts, rather than at its first request. A worker is woken by an event that
 * almost always reads the database (the popup's view of a tab, a page read, an alarm); opening takes 60–120 ms in
 * Chromium at 30,000–100,000 stories (docs/measurements.md), and started here it runs while the listeners are
 * registered and the waking message is dispatched. An open that fails changes nothing: Dexie gives the same
 * error to every request after it, as when the first request opens the database.
 */
export function openAtStart(db: Dexie): Promise<void> {
  return db.open().then(
    () => {
      performance.mark(DB_OPEN_MARK);
    },
    () => undefined,
  );
}

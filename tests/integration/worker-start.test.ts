import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_OPEN_MARK, openAtStart } from '@/lib/background/ready';
import { BackstoryDB } from '@/lib/db/schema';

const names: string[] = [];
function name(): string {
  const n = `worker-start-${Math.random()}`;
  names.push(n);
  return n;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const n of names.splice(0)) await new BackstoryDB(n).delete();
  performance.clearMarks(DB_OPEN_MARK);
});

/** IndexedDB that refuses to open (a broken profile, a private window in some browsers). */
function brokenOpen() {
  return vi.spyOn(indexedDB, 'open').mockImplementation(() => {
    throw new DOMException('Internal error opening backing store', 'InvalidStateError');
  });
}

describe('the database opened as the worker starts', () => {
  it('is open before the first request, and marks when', async () => {
    const db = new BackstoryDB(name());
    const opened = openAtStart(db);
    expect(db.isOpen()).toBe(false);
    await opened;
    expect(db.isOpen()).toBe(true);
    expect(performance.getEntriesByName(DB_OPEN_MARK)).toHaveLength(1);
    // The first request runs on the open connection: no second open.
    const open = vi.spyOn(db, 'open');
    await db.settings.put({ key: 'k', value: 1 });
    expect((await db.settings.get('k'))?.value).toBe(1);
    expect(open).not.toHaveBeenCalled();
    db.close();
  });

  it('a request made while it opens waits for the open and succeeds', async () => {
    const db = new BackstoryDB(name());
    void openAtStart(db);
    await expect(db.stories.count()).resolves.toBe(0);
    db.close();
  });

  it('an open that fails rejects nothing itself, and each request gets the error a first-request open gives', async () => {
    brokenOpen();

    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const db = new BackstoryDB(name());
      await expect(openAtStart(db)).resolves.toBeUndefined();
      expect(db.isOpen()).toBe(false);
      expect(performance.getEntriesByName(DB_OPEN_MARK)).toHaveLength(0);
      const afterEarly = await db.settings.get('k').then(
        () => null,
        (e: Error) => e,
      );

      // The same database opened by its first request, as before the worker opened it at its start.
      const byRequest = await new BackstoryDB(name()).settings.get('k').then(
        () => null,
        (e: Error) => e,
      );
      expect(afterEarly).toBeInstanceOf(Error);
      expect(byRequest).toBeInstanceOf(Error);
      expect(afterEarly?.name).toBe(byRequest?.name);
      expect(String(afterEarly?.message)).toMatch(/backing store/);
      expect(String(byRequest?.message)).toMatch(/backing store/);
      await new Promise((r) => setTimeout(r, 0));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

/**
 * Write-back for one long read-write transaction: a feed batch (StoryService.ingestStubs) stores its stubs one
 * after the other in one transaction, and each stub rewrites the same records of the tables derived from the
 * stories: the frequencies of common terms, the postings of the event's names, their entities, the thread's sums,
 * the number of stories.
 * While a batch runs, writes to those tables are held in memory, per key, and every read of them in the same
 * transaction sees them first; the batch writes each key once, at its end, before the transaction commits.
 *
 * Why this is exact: nothing else can write or read these tables while a read-write transaction on them is open
 * (IndexedDB runs transactions with overlapping scopes one after the other), so what the batch reads is what it
 * would have read with every write made at once. A query, count or cursor on a held table (not a read by key)
 * first writes what is held for that table, then runs. If the batch fails, the transaction is aborted and what is
 * held is dropped with it.
 *
 * The stories themselves are not held: their indexes (URL, postings read from the index, wire keys) are read by
 * the next stub of the batch and must be right, and the caches that listen to their writes stay as they are.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';

/** The tables a batch holds writes of: each keyed by a string, written with put and delete only. */
export const WRITE_BACK_TABLES: ReadonlySet<string> = new Set([
  'termStats',
  'postings',
  'entities',
  'threads',
  'counts',
]);

/** A key's held state: its new value, or null once deleted. */
type Held = Map<string, { value: unknown } | null>;

interface Batch {
  trans: DBCoreTransaction | null;
  tables: Map<string, Held>;
}

/**
 * The batches open on one connection, by transaction. `begin` with the IndexedDB transaction of the batch (Dexie's
 * `Transaction.idbtrans`), `end` (awaited, inside the transaction) to write what is held.
 */
export class WriteBack {
  private readonly batches = new WeakMap<object, Batch>();
  private core: DBCore | null = null;

  begin(idbtrans: object): void {
    this.batches.set(idbtrans, { trans: null, tables: new Map() });
  }

  /** Writes everything held for the batch and closes it. Call inside the batch's transaction. */
  async end(idbtrans: object): Promise<void> {
    const batch = this.batches.get(idbtrans);
    if (!batch) return;
    try {
      for (const name of [...batch.tables.keys()]) await this.flush(batch, name);
    } finally {
      this.batches.delete(idbtrans);
    }
  }

  /** Drops a batch without writing (its transaction failed). */
  abandon(idbtrans: object): void {
    this.batches.delete(idbtrans);
  }

  /** Keys held for the open batch of `idbtrans` (tests). */
  held(idbtrans: object): number {
    let n = 0;
    for (const held of this.batches.get(idbtrans)?.tables.values() ?? []) n += held.size;
    return n;
  }

  private batchOf(trans: DBCoreTransaction): Batch | undefined {
    const batch = this.batches.get(trans as unknown as object);
    if (batch) batch.trans ??= trans;
    return batch;
  }

  private async flush(batch: Batch, name: string): Promise<void> {
    const held = batch.tables.get(name);
    if (!held?.size || !batch.trans || !this.core) return;
    batch.tables.delete(name);
    const table = this.core.table(name);
    const values: unknown[] = [];
    const deletes: string[] = [];
    for (const [key, entry] of held) {
      if (entry) values.push(entry.value);
      else deletes.push(key);
    }
    const results = await Promise.all([
      values.length ? table.mutate({ type: 'put', trans: batch.trans, values }) : null,
      deletes.length ? table.mutate({ type: 'delete', trans: batch.trans, keys: deletes }) : null,
    ]);
    for (const r of results) {
      if (r?.numFailures) throw Object.values(r.failures)[0] ?? new Error(`write-back: ${name} failed`);
    }
  }

  readonly middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'write-back',
    create: (down) => {
      this.core = down;
      return { ...down, table: (name) => this.wrap(down.table(name)) };
    },
  };

  private wrap(table: DBCoreTable): DBCoreTable {
    if (!WRITE_BACK_TABLES.has(table.name)) return table;
    const name = table.name;
    const extractKey = table.schema.primaryKey.extractKey;
    const heldOf = (batch: Batch): Held => {
      const held = batch.tables.get(name) ?? new Map();
      batch.tables.set(name, held);
      return held;
    };
    const copy = <T>(entry: { value: T } | null): T | undefined =>
      entry ? structuredClone(entry.value) : undefined;
    /** Runs `run` after writing what is held for this table (a read the held keys cannot answer). */
    const flushed =
      <R, Q extends { trans: DBCoreTransaction }>(run: (req: Q) => Promise<R>) =>
      (req: Q): Promise<R> => {
        const batch = this.batchOf(req.trans);
        if (!batch?.tables.get(name)?.size) return run(req);
        return this.flush(batch, name).then(() => run(req));
      };
    return {
      ...table,
      get: (req) => {
        const held = this.batchOf(req.trans)?.tables.get(name);
        return held?.has(req.key) ? Promise.resolve(copy(held.get(req.key)!)) : table.get(req);
      },
      getMany: (req) => {
        const held = this.batchOf(req.trans)?.tables.get(name);
        if (!held?.size || !req.keys.some((k) => held.has(k))) return table.getMany(req);
        const missing = req.keys.filter((k) => !held.has(k));
        return (missing.length ? table.getMany({ ...req, keys: missing }) : Promise.resolve([])).then(
          (found) => {
            const read = new Map(missing.map((k, i) => [k, found[i]]));
            return req.keys.map((k) => (held.has(k) ? copy(held.get(k)!) : read.get(k)));
          },
        );
      },
      query: flushed((req) => table.query(req)),
      openCursor: flushed((req) => table.openCursor(req)),
      count: flushed((req) => table.count(req)),
      mutate: (req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => {
        const batch = this.batchOf(req.trans);
        if (!batch) return table.mutate(req);
        const plain =
          (req.type === 'put' && !req.criteria && !req.updates && !req.changeSpec) ||
          (req.type === 'delete' && !req.criteria);
        const keys =
          req.type === 'delete'
            ? req.keys
            : req.type === 'put'
              ? (req.keys ?? req.values.map((v) => extractKey?.(v)))
              : [];
        if (!plain || keys.some((k) => typeof k !== 'string')) {
          return this.flush(batch, name).then(() => table.mutate(req));
        }
        const held = heldOf(batch);
        if (req.type === 'delete') {
          for (const key of keys) held.set(key as string, null);
          return Promise.resolve({ numFailures: 0, failures: {}, lastResult: undefined });
        }
        if (req.type === 'put') {
          req.values.forEach((v, i) => {
            held.set(keys[i] as string, { value: structuredClone(v) });
          });
        }
        return Promise.resolve({ numFailures: 0, failures: {}, results: keys, lastResult: keys.at(-1) });
      },
    };
  }
}

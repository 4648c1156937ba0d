// The connection an export reads its rows from. An export streams for as long as the client takes to
// download it, and a better-sqlite3 connection with a statement mid-iteration refuses every other
// statement ("connection is busy") — every write of every user would fail meanwhile. So an export
// reads on a connection of its own: read-only, on the same file (WAL lets the app write meanwhile), in
// one read transaction, so its count, its audit row and its rows all describe one snapshot.
import { openReadOnly, type Db } from './connection.ts';

export interface Snapshot {
  db: Db;
  /** False for a `:memory:` database, which no second connection can open: read its rows at once instead. */
  streams: boolean;
  /** Ends the transaction and closes the connection; again is harmless. */
  release(): void;
}

export function openSnapshot(db: Db): Snapshot {
  if (db.memory) return { db, streams: false, release: () => {} };
  const reader = openReadOnly(db.name);
  reader.exec('BEGIN');
  return {
    db: reader,
    streams: true,
    release: () => {
      if (!reader.open) return;
      try {
        reader.exec('COMMIT');
        reader.close();
      } catch (err) {
        // Still iterating (the rows' iterator closes first on every path we know): say so, the GC closes it.
        console.error('[anju] export snapshot not closed', err);
      }
    },
  };
}

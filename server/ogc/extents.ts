// A collection's extent scans every house (or stop) of the reader's jurisdiction — a blink for a demo
// county, a third of a second for a million households — and a GIS client asks for /collections and
// each collection again and again while it connects. The answer is kept until the data changes.
import { dataStamp } from '../db/data-version.ts';
import type { Db } from '../db/connection.ts';
import type { OgcExtent } from '../domain/ogc-features.ts';
import { seesOnlyOwnTasks } from '../domain/roles.ts';
import type { Collection, Reader } from './collections.ts';

const MAX_KEPT = 256;
const kept = new WeakMap<Db, { stamp: string; extents: Map<string, OgcExtent> }>();

export function cachedExtent(r: Reader, c: Collection): OgcExtent {
  const stamp = dataStamp(r.db);
  let entry = kept.get(r.db);
  if (!entry || entry.stamp !== stamp) kept.set(r.db, (entry = { stamp, extents: new Map() }));
  // An inspector's tasks are their own; everyone else's extent is their region's.
  const who = c.id === 'tasks' && seesOnlyOwnTasks(r.user.role) ? `user:${r.user.id}` : `region:${r.scope.code}`;
  const key = `${c.id}|${who}`;
  let extent = entry.extents.get(key);
  if (!extent) {
    extent = c.extent(r);
    if (entry.extents.size >= MAX_KEPT) entry.extents.clear();
    entry.extents.set(key, extent);
  }
  return extent;
}

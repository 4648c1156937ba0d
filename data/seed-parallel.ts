// Seeding on both cores: this thread generates and writes households while a worker seals their
// personal data, one batch ahead. Used by the seed CLI for big counties. It needs the data key itself
// (a cipher object cannot cross threads) and tsx, to load the TypeScript worker.
import { Worker } from 'node:worker_threads';
import type { Db } from '../server/db/connection.ts';
import { beginBulkLoad, refuseUnlessEmpty } from './bulk-load.ts';
import { generateHouseholds, type HouseholdRecord } from './households.ts';
import { BATCH, checkSeedOptions, countyFor, type SeedOptions, type SeedResult } from './seed-db.ts';
import { householdRows, type SealedFields } from './seed-rows.ts';
import type { SealReply, SealRequest } from './seed-worker.ts';

export async function seedDatabaseInWorker(db: Db, dataKey: Buffer, opts: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  checkSeedOptions(opts);
  refuseUnlessEmpty(db);
  const worker = startTypeScriptWorker(new URL('./seed-worker.ts', import.meta.url), { dataKey });
  const sealed = replies(worker);
  try {
    const county = countyFor(opts.seed);
    const load = beginBulkLoad(db, county);
    try {
      const source = generateHouseholds(county, opts.households, opts.seed);
      const take = (): HouseholdRecord[] => {
        const batch: HouseholdRecord[] = [];
        while (batch.length < BATCH) {
          const r = source.next();
          if (r.done) break;
          batch.push(r.value);
        }
        return batch;
      };
      const send = (batch: HouseholdRecord[], k: number): void => {
        const req: SealRequest = { batch: k, idCards: batch.map((h) => h.idCard), phones: batch.map((h) => h.phone) };
        worker.postMessage(req);
      };
      let done = 0;
      let current = take();
      send(current, 0);
      for (let k = 0; current.length > 0; k++) {
        const next = take(); // generated while the worker seals `current`
        if (next.length) send(next, k + 1);
        const reply = await sealed(k);
        load.insert(current.map((h, i) => householdRows(h, fieldsAt(reply, i)))); // while it seals `next`
        done += current.length;
        opts.onProgress?.(done);
        current = next;
      }
      load.finish();
      return { households: done, ms: Math.round(performance.now() - started) };
    } finally {
      load.close();
    }
  } finally {
    await worker.terminate();
  }
}

function fieldsAt(reply: SealReply, i: number): SealedFields {
  const blob = (j: number): Buffer | null => {
    const from = reply.offsets[4 * i + j]!;
    const to = reply.offsets[4 * i + j + 1]!;
    return to > from ? Buffer.from(reply.bytes, from, to - from) : null;
  };
  return { idCardEnc: blob(0)!, idCardHash: blob(1)!, phoneEnc: blob(2), phoneHash: blob(3) };
}

/** Replies by batch number; a worker error or early exit fails whoever is waiting. */
function replies(worker: Worker): (batch: number) => Promise<SealReply> {
  const ready = new Map<number, SealReply>();
  let waiter: { batch: number; resolve: (r: SealReply) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  worker.on('message', (r: SealReply) => {
    if (waiter?.batch === r.batch) {
      waiter.resolve(r);
      waiter = null;
    } else ready.set(r.batch, r);
  });
  const fail = (err: Error): void => {
    failure ??= err;
    waiter?.reject(failure);
    waiter = null;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`seal worker exited (code ${code})`)));
  return (batch) => {
    const r = ready.get(batch);
    if (r) {
      ready.delete(batch);
      return Promise.resolve(r);
    }
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => (waiter = { batch, resolve, reject }));
  };
}

/**
 * Node's workers do not inherit tsx's loader for a .ts entry point, so a two-line bootstrap
 * registers tsx in the worker first, then imports the real module.
 */
export function startTypeScriptWorker(entry: URL, workerData: unknown): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

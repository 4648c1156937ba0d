// `npm start` seeds a missing database on a worker thread (server/main.ts), so the server listens at
// once and answers — 503 `seeding` for the API, the client's files as usual — while the county is built.
import type { Worker } from 'node:worker_threads';
import type { EnsureSeedOptions, SeedProgress } from './ensure-seeded.ts';
import { startTypeScriptWorker } from './seed-parallel.ts';

/** What the seeding thread says: a log line, how far it got, then its result or its failure. */
export type SeedMessage =
  | { log: string }
  | { progress: SeedProgress }
  | { result: { seeded: boolean; households: number } }
  | { error: string };

export interface SeedingThread {
  /** Settles when the database is seeded (or had households already). */
  done: Promise<{ seeded: boolean; households: number }>;
  /** Stops the thread; a half-written database is left as it is. */
  stop(): Promise<void>;
}

export function ensureSeededInThread(
  dbPath: string,
  opts: Omit<EnsureSeedOptions, 'onProgress'> & { log: (line: string) => void; onProgress: (p: SeedProgress) => void },
): SeedingThread {
  const { log, onProgress, ...what } = opts;
  const worker: Worker = startTypeScriptWorker(new URL('./ensure-seeded-worker.ts', import.meta.url), { dbPath, ...what });
  const done = new Promise<{ seeded: boolean; households: number }>((resolve, reject) => {
    worker.on('message', (m: SeedMessage) => {
      if ('log' in m) log(m.log);
      else if ('progress' in m) onProgress(m.progress);
      else if ('result' in m) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the seeding thread stopped (code ${code}) before it finished`)));
  });
  return { done, stop: async () => void (await worker.terminate()) };
}

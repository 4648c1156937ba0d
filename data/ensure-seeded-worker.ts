// The seeding thread of ensureSeededInThread (seed-in-thread.ts): ensureSeeded, reported by message.
import { parentPort, workerData } from 'node:worker_threads';
import { ensureSeeded } from './ensure-seeded.ts';
import type { SeedMessage } from './seed-in-thread.ts';

const { dbPath, households, seed } = workerData as { dbPath: string; households?: number; seed?: number };
const say = (m: SeedMessage) => parentPort!.postMessage(m);
try {
  const result = await ensureSeeded(dbPath, (line) => say({ log: line }), { households, seed, onProgress: (progress) => say({ progress }) });
  say({ result });
} catch (err) {
  say({ error: err instanceof Error ? err.message : String(err) });
}

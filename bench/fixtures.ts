// What the bench's sections share within one run: the demo county seeded as `npm run seed` seeds it
// (seed 1, with accounts and the ledger) at 20,000 and at 1,000,000 households — each seeded once, on
// first use — and a server over each, in a child process of its own so that its memory and event loop
// are its own (the bench's client runs here). Sections may add alerts and dispatch through a server;
// none deletes. `ANJU_BENCH_1M=FILE` copies a seeded 1M database (and its key file) instead of seeding
// one, for `--only` runs of the 1M sections; the seed section then has no 1M seeding to report.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { runSeed } from '../data/seed.ts';
import { ROOT } from '../server/config.ts';
import { DEMO_PASSWORD } from '../server/db/demo-users.ts';

export const SMALL = 20_000;
export const LARGE = 1_000_000;

export interface County {
  households: number;
  dbPath: string;
  /** Wall time of `npm run seed`'s work (runSeed), or null when the file was copied (ANJU_BENCH_1M). */
  seedMs: number | null;
  /** The database file's size once seeded. */
  bytes: number;
}

export interface Client {
  url: string;
  headers: Record<string, string>;
}

export interface ServedCounty extends County {
  url: string;
  pid: number;
  signIn(username: string): Promise<Client>;
}

let dir: string | null = null;
const workDir = () => (dir ??= mkdtempSync(join(tmpdir(), 'anju-bench-fixtures-')));

const counties = new Map<number, Promise<County>>();
const servers = new Map<number, Promise<{ county: ServedCounty; child: ChildProcess }>>();

async function makeCounty(households: number, folder: string): Promise<County> {
  const dbPath = join(folder, `anju-${households}.db`);
  const given = households === LARGE ? process.env.ANJU_BENCH_1M : undefined;
  if (given) {
    // The key file lives beside the database (server/config.ts loadDataKey): it travels with it.
    copyFileSync(given, dbPath);
    const key = join(dirname(given), '.anju-key');
    if (existsSync(key)) copyFileSync(key, join(dirname(dbPath), `.anju-key`));
    if (existsSync(`${given}-wal`)) throw new Error(`${given} has a -wal file: checkpoint it (or stop its server) before copying`);
    console.error(`[bench] ${households} households: copied ${given}`);
    return { households, dbPath, seedMs: null, bytes: statSync(dbPath).size };
  }
  console.error(`[bench] seeding ${households.toLocaleString('en')} households …`);
  const t0 = performance.now();
  await runSeed({ households, seed: 1, out: dbPath, force: true }, (line) => void (/seeded in/.test(line) && console.error(line)));
  return { households, dbPath, seedMs: performance.now() - t0, bytes: statSync(dbPath).size };
}

/**
 * The demo county at this size, seeded on first call. Each size has its own folder, since the data key
 * file sits beside the database and one folder holds one key.
 */
export function county(households: number): Promise<County> {
  let c = counties.get(households);
  if (!c) counties.set(households, (c = makeCounty(households, mkdtempSync(join(workDir(), `${households}-`)))));
  return c;
}

/**
 * fetch, tried once more when the connection was closed under it: a section that has kept this thread
 * busy for longer than the server's keep-alive (reading a million points, say) finds its idle sockets
 * closed by the server without having noticed, and fetch does not retry a POST by itself.
 */
export async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const code = ((err as { cause?: { code?: string } }).cause ?? {}).code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw err;
    return fetch(url, init);
  }
}

/** Signs in one of the demo accounts: the session cookie and the CSRF token for writes. */
export async function signIn(url: string, username: string): Promise<Client> {
  const res = await request(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username}: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { url, headers: { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json', origin: url } };
}

async function startChild(c: County): Promise<{ county: ServedCounty; child: ChildProcess }> {
  // `node --import tsx`: one process (no npx or tsx wrapper), so its pid's peak RSS is the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ANJU_DB: c.dbPath, PORT: '0', HOST: '127.0.0.1', ANJU_PDF: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr!.on('data', (d: Buffer) => errors.push(d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /open (http:\/\/\S+?)\/?$/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server over ${c.dbPath} exited (${code}): ${errors.join('').slice(-500)}`)));
  });
  for (let i = 0; ; i++) {
    const res = await fetch(`${url}/api/health`).catch(() => null);
    if (res?.ok) break;
    if (i > 600) throw new Error(`the server at ${url} did not answer /api/health`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { county: { ...c, url, pid: child.pid!, signIn: (username) => signIn(url, username) }, child };
}

/** A server over the county of this size (seeded first if need be), started on first call. */
export async function served(households: number): Promise<ServedCounty> {
  let s = servers.get(households);
  if (!s) servers.set(households, (s = county(households).then(startChild)));
  return (await s).county;
}

/** Peak resident set of a process (Linux: VmHWM), in bytes; null where /proc is not there. */
export function peakRss(pid: number | 'self'): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Stops every server and deletes every database; returns each server's peak RSS, by county size. */
export async function closeFixtures(): Promise<{ households: number; peakRss: number | null }[]> {
  const peaks: { households: number; peakRss: number | null }[] = [];
  for (const [households, s] of servers) {
    const { child } = await s.catch(() => ({ child: null }));
    if (!child || child.exitCode !== null) continue;
    peaks.push({ households, peakRss: peakRss(child.pid!) });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  servers.clear();
  await Promise.allSettled(counties.values());
  counties.clear();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  return peaks;
}

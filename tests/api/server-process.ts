// The real server as its own process (`node --import tsx server/main.ts`, as `npm start` runs it but
// without the build), for the tests that kill it or signal it: the crash test and the backup test. One
// node process, not the `tsx` wrapper, so a signal reaches the server itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../server/config.ts';
import { DEMO_PASSWORD } from '../../server/db/demo-users.ts';

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  /** Everything it printed so far, stdout and stderr, line by line. */
  lines: string[];
  /** Settles with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a printed line matches. */
  waitForLine(re: RegExp): Promise<string>;
}

/** Starts the server on `dbPath` on a free port (no PDF renderer, one worker thread); resolves once it listens. */
export function startServerProcess(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ANJU_DB: dbPath, PORT: '0', HOST: '127.0.0.1', ANJU_PDF: 'off', ANJU_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line === '') continue;
      lines.push(line);
      for (const w of waiters.splice(0)) (w.re.test(line) ? w.resolve(line) : waiters.push(w));
    }
  };
  proc.stdout!.on('data', take);
  proc.stderr!.on('data', take);
  const waitForLine = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => re.test(l));
      if (seen) return resolve(seen);
      waiters.push({ re, resolve });
      void exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before printing ${re}:\n${lines.join('\n')}`)));
    });
  return waitForLine(/^\[anju\] open http:\/\/[\d.]+:\d+\//).then((line) => ({
    url: line.match(/http:\/\/[\d.]+:\d+/)![0],
    proc,
    lines,
    exited,
    waitForLine,
  }));
}

export interface HttpSession {
  cookie: string;
  csrfToken: string;
}

/** Signs a demo account in over HTTP. */
export async function signIn(url: string, username: string, password = DEMO_PASSWORD): Promise<HttpSession> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrfToken };
}

/** A JSON request with a session over HTTP; the body parsed when it is JSON. */
export async function call(url: string, s: HttpSession, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

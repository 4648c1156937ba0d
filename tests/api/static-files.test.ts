// How the server hands out the built client: the service worker and the manifest are re-checked on
// every visit (a phone must not keep an old app), hashed assets are cached for a year, client routes
// get the shell, and the worker may run under the CSP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.ts';

let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anju-static-'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"安居"}');
  writeFileSync(join(dist, 'assets', 'index-AbCd1234.js'), 'export {};');
  server = await startServer({ dbPath: join(dir, 'anju.db'), port: 0, host: '127.0.0.1', clientDist: dist });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the built client', () => {
  it('serves the service worker with Cache-Control: no-cache, as JavaScript, under a CSP that lets it run', async () => {
    const res = await fetch(`${server.url}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('content-security-policy')).toMatch(/worker-src 'self'/);
  });

  it('serves the web app manifest with Cache-Control: no-cache', async () => {
    const res = await fetch(`${server.url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toBe('application/manifest+json');
  });

  it('keeps hashed assets immutable and gives client routes the shell', async () => {
    const asset = await fetch(`${server.url}/assets/index-AbCd1234.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const field = await fetch(`${server.url}/field`);
    expect(await field.text()).toContain('<title>shell</title>');
  });
});

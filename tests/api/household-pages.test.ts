// GET /api/households is bounded (issue 14): at most MAX_PAGE (50,000) features an answer, a bigger
// `limit` clamped; `truncated` and a `next` link carry the same filters with a keyset cursor (`after`);
// pages add up to `total` with no household twice; a big page streams from a snapshot connection of
// its own, so the app's connection takes writes while the client is still reading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from './harness.ts';
import { until } from './over-http.ts';

type Page = {
  type: string;
  total: number;
  limit: number;
  truncated: boolean;
  next: string | null;
  features: { id: number; properties: { id: number; grade: string | null; regionCode: string } }[];
};

let t: ReturnType<typeof seededApp>;

beforeAll(() => {
  t = seededApp(2000, 3);
});
afterAll(() => t.close());

/** Every page of a query, following `next` from the first. */
async function allPages(first: string): Promise<Page[]> {
  const pages: Page[] = [];
  for (let path: string | null = first; path; ) {
    const res: { status: number; body: Page } = await t.json<Page>(path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    path = res.body.next;
  }
  return pages;
}

describe('GET /api/households pages', () => {
  it('holds at most 50,000 by default and when asked for more (limit clamped, up to 1,000,000 accepted)', async () => {
    const plain = (await t.json<Page>('/api/households')).body;
    expect(plain).toMatchObject({ limit: 50_000, total: 2000, truncated: false, next: null });
    expect(plain.features).toHaveLength(2000);
    const more = (await t.json<Page>('/api/households?limit=1000000')).body;
    expect(more).toMatchObject({ limit: 50_000, total: 2000, truncated: false, next: null });
    for (const [query, field] of [
      ['limit=1000001', 'limit'],
      ['limit=0', 'limit'],
      ['after=-1', 'after'],
      ['after=x', 'after'],
    ] as const) {
      const res = await t.json(`/api/households?${query}`);
      expect([res.status, res.body.error?.field], query).toEqual([400, field]);
    }
  });

  it('pages add up to total, in id order, no household twice, each next keeping the filters', async () => {
    const whole = (await t.json<Page>('/api/households?grade=B,C,none&structure=adobe,earth_wood,brick_wood,brick_concrete')).body;
    expect(whole.total).toBeGreaterThan(300);
    const pages = await allPages('/api/households?grade=B,C,none&structure=adobe,earth_wood,brick_wood,brick_concrete&limit=150');
    expect(pages.length).toBe(Math.ceil(whole.total / 150));
    const ids = pages.flatMap((p) => p.features.map((f) => f.id));
    expect(ids).toEqual(whole.features.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    for (const p of pages) expect(p.total).toBe(whole.total);
    expect(pages.slice(0, -1).every((p) => p.truncated && p.features.length === 150)).toBe(true);
    expect(pages.at(-1)).toMatchObject({ truncated: false, next: null });
    const next = new URL(pages[0]!.next!, 'http://x');
    expect(next.pathname).toBe('/api/households');
    expect(Object.fromEntries(next.searchParams)).toEqual({
      grade: 'B,C,none',
      structure: 'adobe,earth_wood,brick_wood,brick_concrete',
      limit: '150',
      after: String(pages[0]!.features.at(-1)!.id),
    });
  });

  it('a cursor past the last household answers an empty last page', async () => {
    const last = (await t.json<Page>('/api/households?limit=1&after=1999')).body;
    expect(last.features.map((f) => f.id)).toEqual([2000]);
    expect(last).toMatchObject({ truncated: false, next: null, total: 2000 });
    expect((await t.json<Page>('/api/households?after=2000')).body).toMatchObject({ features: [], truncated: false, next: null, total: 2000 });
  });

  it('streams a big page: the app takes a write while the client has read only its first part', async () => {
    const res = await t.request('/api/households');
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=UTF-8');
    expect(res.headers.get('content-length')).toBeNull();
    const reader = res.body!.getReader();
    const first = await reader.read();
    const head = new TextDecoder().decode(first.value);
    expect(head.startsWith('{"type":"FeatureCollection","total":2000,"limit":50000,"features":[')).toBe(true);
    expect(head.length).toBeLessThan(200_000);
    // The rows are read on a snapshot connection: the app's own is free for a write meanwhile.
    const house = t.db.prepare("SELECT id FROM houses WHERE is_current = 1 AND status = 'monitoring' LIMIT 1").pluck().get() as number;
    const moved = await t.json(`/api/houses/${house}/transitions`, { method: 'POST', body: { action: 'suspect', date: '2026-10-30' } });
    expect([moved.status, moved.body.ledger?.state]).toEqual([200, 'suspected']);
    let text = head;
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    const page = JSON.parse(text) as Page & { features: { properties: { status: string } }[] };
    expect(page.features).toHaveLength(2000);
    expect(page).toMatchObject({ truncated: false, next: null });
  });

  it('lets go of its snapshot when the client hangs up half-way', async () => {
    const res = await t.request('/api/households');
    const reader = res.body!.getReader();
    await reader.read();
    // While the snapshot's read transaction is open, the WAL cannot be checkpointed to its start.
    const checkpointBusy = () => {
      t.db.pragma('busy_timeout = 0'); // ask, do not wait for the reader
      try {
        return (t.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]!.busy === 1;
      } finally {
        t.db.pragma('busy_timeout = 5000');
      }
    };
    expect(checkpointBusy()).toBe(true);
    await reader.cancel();
    await until(() => !checkpointBusy(), 'the snapshot is released');
  });
});

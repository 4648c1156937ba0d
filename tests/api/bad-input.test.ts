import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from './harness.ts';

let t: ReturnType<typeof seededApp>;
beforeAll(() => {
  t = seededApp(300, 5);
});
afterAll(() => t.close());

// Each bad request gets a 4xx JSON error that names the field, never a 500 or a stack trace.
const cases: [path: string, status: number, field: string][] = [
  ['/api/households?bbox=1,2,3', 400, 'bbox'],
  ['/api/households?bbox=a,b,c,d', 400, 'bbox'],
  ['/api/households?bbox=108,33,,34', 400, 'bbox'],
  ['/api/households?bbox=190,33,191,34', 400, 'bbox'],
  ['/api/households?bbox=108,95,109,96', 400, 'bbox'],
  ['/api/households?bbox=109,33,108,34', 400, 'bbox'],
  ['/api/households?grade=E', 400, 'grade'],
  ['/api/households?grade=', 400, 'grade'],
  ['/api/households?structure=mud_hut', 400, 'structure'],
  ['/api/households?key=maybe', 400, 'key'],
  ['/api/households?repairedC=yes', 400, 'repairedC'],
  ['/api/households?limit=0', 400, 'limit'],
  ['/api/households?limit=abc', 400, 'limit'],
  ['/api/households?limit=2000001', 400, 'limit'],
  ['/api/households?region=6109', 400, 'region'],
  ['/api/households?region=999999999999', 404, 'region'],
  ['/api/households?q=', 400, 'q'],
  ['/api/households?q=' + 'x'.repeat(51), 400, 'q'],
  ["/api/households?q=' OR 1=1 --", 200, ''],
  ['/api/households?colour=red', 400, 'colour'],
  ['/api/households/abc', 400, 'id'],
  ['/api/households/0', 400, 'id'],
  ['/api/households/-5', 400, 'id'],
  ['/api/households/1e3', 400, 'id'],
  ['/api/stats?grade=Z', 400, 'grade'],
  ['/api/stats?region=12', 400, 'region'],
  ['/api/basemap/satellite', 400, 'layer'],
];

describe('bad input', () => {
  it.each(cases)('%s → %i naming "%s"', async (path, status, field) => {
    const res = await t.get(path);
    expect(res.status).toBe(status);
    const body = (await res.json()) as any;
    if (status === 200) {
      // SQL in a search is just text to look for.
      expect(body.features).toHaveLength(0);
      return;
    }
    expect(body.error.code).toEqual(expect.any(String));
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.field).toBe(field);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('not_found');
  });
});

import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../../server/domain/ogc-datetime.ts';
import { acceptFormat } from '../../server/ogc/params.ts';

const ms = (iso: string) => Date.parse(iso);

describe('the datetime parameter (OGC API – Features Part 1, /req/core/fc-time-definition)', () => {
  it('reads an RFC 3339 instant as a zero-length interval, in any offset', () => {
    expect(parseDatetime('2026-07-10T14:00:00+08:00')).toEqual({ ok: true, filter: { start: ms('2026-07-10T06:00:00Z'), end: ms('2026-07-10T06:00:00Z') } });
    expect(parseDatetime('2026-07-10T06:00:00.5Z')).toEqual({ ok: true, filter: { start: ms('2026-07-10T06:00:00.500Z'), end: ms('2026-07-10T06:00:00.500Z') } });
  });

  it('reads a date as the whole UTC day', () => {
    expect(parseDatetime('2026-06-01')).toEqual({ ok: true, filter: { start: ms('2026-06-01T00:00:00Z'), end: ms('2026-06-01T23:59:59.999Z') } });
  });

  it('reads bounded and half-bounded intervals, .. or empty for an open end', () => {
    expect(parseDatetime('2026-01-01T00:00:00Z/2026-02-01T00:00:00Z')).toEqual({ ok: true, filter: { start: ms('2026-01-01T00:00:00Z'), end: ms('2026-02-01T00:00:00Z') } });
    expect(parseDatetime('../2026-02-01T00:00:00Z')).toEqual({ ok: true, filter: { start: null, end: ms('2026-02-01T00:00:00Z') } });
    expect(parseDatetime('2026-01-01T00:00:00Z/..')).toEqual({ ok: true, filter: { start: ms('2026-01-01T00:00:00Z'), end: null } });
    expect(parseDatetime('2026-01-01T00:00:00Z/')).toEqual({ ok: true, filter: { start: ms('2026-01-01T00:00:00Z'), end: null } });
    expect(parseDatetime('../..')).toEqual({ ok: true, filter: { start: null, end: null } });
  });

  it('refuses what is not a time, a backwards interval, impossible days and a lone open end', () => {
    for (const bad of ['', '..', 'yesterday', '2026-02-30', '2026-13-01T00:00:00Z', '2026-07-10T25:00:00Z', '2026-07-10T14:00:00', '2026-02-01T00:00:00Z/2026-01-01T00:00:00Z', 'a/b/c']) {
      expect(parseDatetime(bad).ok, bad).toBe(false);
    }
  });
});

describe('the answer format chosen from Accept', () => {
  it('gives a browser HTML and a GIS client (or nobody) JSON, by preference and q', () => {
    expect(acceptFormat('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('html');
    expect(acceptFormat('application/geo+json, application/json;q=0.9')).toBe('json');
    expect(acceptFormat('text/html;q=0.5, application/json')).toBe('json');
    expect(acceptFormat('*/*')).toBe('json');
    expect(acceptFormat(undefined)).toBe('json');
  });
});

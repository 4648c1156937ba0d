import { describe, expect, it } from 'vitest';
import { currentSeasons, DEFAULT_SEASONS, seasonConfigFor } from '../../server/domain/seasons.ts';

/** Noon in China on a date. */
const cst = (d: string) => new Date(`${d}T12:00:00+08:00`);
const kinds = (d: string, config = DEFAULT_SEASONS) => currentSeasons(cst(d), config).map((s) => s.kind);

describe('seasons', () => {
  it('is flood season from 1 May to 30 September, autumn floods into 20 October', () => {
    expect(kinds('2024-04-30')).toEqual(['thaw']);
    expect(kinds('2024-05-01')).toEqual(['flood']);
    expect(kinds('2024-07-10')).toEqual(['flood']);
    expect(kinds('2024-09-15')).toEqual(['flood', 'autumn_flood']);
    expect(kinds('2024-10-20')).toEqual(['autumn_flood']);
    expect(kinds('2024-10-21')).toEqual([]);
  });

  it('freezes from November to mid-March across the new year, thaws March–April, both in early March', () => {
    const jan = currentSeasons(cst('2025-01-10'));
    expect(jan).toEqual([{ kind: 'freeze', startsOn: '2024-11-01', endsOn: '2025-03-15', daysLeft: 65 }]);
    expect(currentSeasons(cst('2024-11-01'))[0]).toMatchObject({ kind: 'freeze', startsOn: '2024-11-01', endsOn: '2025-03-15' });
    expect(kinds('2024-03-10')).toEqual(['freeze', 'thaw']);
    expect(kinds('2024-03-16')).toEqual(['thaw']);
  });

  it('uses the China date, not the server zone: 23:30 UTC on 30 April is 1 May in Shaanxi', () => {
    expect(currentSeasons(new Date('2024-04-30T16:30:00Z')).map((s) => s.kind)).toEqual(['flood']);
  });

  it('picks presets by province: Chongqing floods from 15 April, Fujian has typhoons and no freeze', () => {
    expect(kinds('2024-04-20', seasonConfigFor('500230000000'))).toContain('flood');
    expect(kinds('2024-04-20', seasonConfigFor('610999000000'))).not.toContain('flood');
    expect(kinds('2024-08-01', seasonConfigFor('350100000000'))).toEqual(['flood', 'typhoon']);
    expect(kinds('2024-01-10', seasonConfigFor('350100000000'))).toEqual([]);
    const own = { utcOffsetMinutes: 480, windows: [{ kind: 'flood' as const, from: '06-01', to: '09-30' }] };
    expect(kinds('2024-05-15', seasonConfigFor('610100000000', { '610100000000': own }))).toEqual([]);
  });
});

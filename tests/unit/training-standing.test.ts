import { describe, expect, it } from 'vitest';
import { trainedUntil, trainingStanding } from '../../server/domain/training-standing.ts';

const today = '2026-07-12';

describe('training standing (seed 001: only trained staff may inspect)', () => {
  it('is none without a training taken by today', () => {
    expect(trainingStanding([], today)).toBe('none');
    expect(trainingStanding([{ trainedOn: '2026-08-01', validUntil: '2028-08-01' }], today)).toBe('none');
  });

  it('is lapsed after the last end date, whatever older records say', () => {
    expect(trainingStanding([{ trainedOn: '2022-03-10', validUntil: '2024-03-10' }], today)).toBe('lapsed');
    expect(trainingStanding([{ trainedOn: '2026-07-12', validUntil: '2026-07-11' }], today)).toBe('lapsed');
  });

  it('is lapsing within 90 days of its end, valid on its last day', () => {
    expect(trainingStanding([{ trainedOn: '2024-10-01', validUntil: '2026-10-10' }], today)).toBe('lapsing');
    expect(trainingStanding([{ trainedOn: '2024-10-01', validUntil: today }], today)).toBe('lapsing');
    expect(trainingStanding([{ trainedOn: '2024-10-01', validUntil: '2026-10-11' }], today)).toBe('valid');
  });

  it('takes the newest renewal, and an open-ended training never lapses', () => {
    const renewed = [
      { trainedOn: '2022-03-10', validUntil: '2024-03-10' },
      { trainedOn: '2026-03-15', validUntil: '2028-03-15' },
    ];
    expect(trainingStanding(renewed, today)).toBe('valid');
    expect(trainedUntil(renewed, today)).toBe('2028-03-15');
    expect(trainingStanding([{ trainedOn: '2020-01-01', validUntil: null }], today)).toBe('valid');
    expect(trainedUntil([{ trainedOn: '2020-01-01', validUntil: null }], today)).toBeNull();
  });
});

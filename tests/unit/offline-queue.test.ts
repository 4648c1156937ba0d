import { describe, expect, it } from 'vitest';
import { createOutbox, memoryStore, type Failure, type QueuedResult, type Transport } from '../../client/field/offline-queue.ts';

class Offline extends Error {}
class Refused extends Error {
  constructor(readonly status: number, readonly code: string) {
    super(code);
  }
}

const classify = (err: unknown): Failure =>
  err instanceof Refused ? (err.status === 401 ? { kind: 'signin' } : { kind: 'reject', code: err.code, message: err.message }) : { kind: 'retry' };

/** A server that stores results by idempotency key (as reportStop does) and can drop the line. */
function fakeServer() {
  const photos = new Map<string, number>(); // sha → uploads
  const results = new Map<string, { stopId: number; photos: string[]; report: QueuedResult['report'] }>();
  let down = false;
  let loseAnswers = 0; // the server stores the result but the answer never reaches the phone
  let refuse: Refused | null = null;
  const transport: Transport = {
    async uploadPhoto(blob) {
      if (down) throw new Offline('offline');
      const sha = `sha-${blob.size}`;
      photos.set(sha, (photos.get(sha) ?? 0) + 1);
      return sha;
    },
    async postResult(entry, shas) {
      if (down) throw new Offline('offline');
      if (refuse) throw refuse;
      const replayed = results.has(entry.key);
      if (!replayed) results.set(entry.key, { stopId: entry.stopId, photos: shas, report: entry.report });
      if (loseAnswers > 0) {
        loseAnswers--;
        throw new Offline('connection reset');
      }
      return { replayed };
    },
  };
  return {
    transport,
    photos,
    results,
    setDown: (v: boolean) => void (down = v),
    loseNextAnswer: () => void loseAnswers++,
    refuseWith: (r: Refused | null) => void (refuse = r),
  };
}

function entry(key: string, stopId: number, photoBytes: number[] = []): Omit<QueuedResult, 'attempts' | 'lastError' | 'rejected' | 'queuedAt'> {
  return {
    key,
    username: 'inspector',
    taskId: 1,
    stopId,
    report: { result: photoBytes.length ? 'hazard' : 'safe', hazards: photoBytes.length ? ['wall_crack'] : [], observedAt: '2026-07-12T15:04:05+08:00' },
    photos: photoBytes.map((n, i) => ({ id: `${key}-p${i}`, blob: new Blob([new Uint8Array(n)]), name: 'wall.jpg', sha256: null })),
  };
}

describe('field outbox', () => {
  it('keeps results taken offline and sends each exactly once when the signal returns', async () => {
    const server = fakeServer();
    let online = false;
    const sent: string[] = [];
    const box = createOutbox({ store: memoryStore(), transport: server.transport, classify, isOnline: () => online, onSent: (e) => sent.push(e.key) });
    await box.enqueue(entry('k-hazard-0001', 11, [300]));
    await box.enqueue(entry('k-safe-00002', 12));
    await box.sync('inspector'); // navigator.onLine is false: nothing is even tried
    expect(box.state().entries).toHaveLength(2);
    expect(server.results.size).toBe(0);

    online = true;
    await Promise.all([box.sync('inspector'), box.sync('inspector'), box.sync('inspector')]);
    expect(box.state().entries).toHaveLength(0);
    expect([...server.results.keys()].sort()).toEqual(['k-hazard-0001', 'k-safe-00002']);
    expect(server.results.get('k-hazard-0001')!.photos).toEqual(['sha-300']);
    expect(server.photos.get('sha-300')).toBe(1);
    expect(sent.sort()).toEqual(['k-hazard-0001', 'k-safe-00002']);
  });

  it('stops at a network failure, keeps the queue in order, and does not upload a sent photo again', async () => {
    const server = fakeServer();
    const box = createOutbox({ store: memoryStore(), transport: server.transport, classify, isOnline: () => true });
    await box.enqueue(entry('k-first-0001', 21, [100, 200]));
    await box.enqueue(entry('k-second-002', 22));
    server.loseNextAnswer(); // the first result lands, but its answer is lost on the way back
    await box.sync('inspector');
    expect(box.state().entries.map((e) => e.key)).toEqual(['k-first-0001', 'k-second-002']);
    expect(box.state().entries[0]!.attempts).toBe(1);
    expect(box.state().lastError).toBe('connection reset');

    await box.sync('inspector'); // resend: the server answers replayed, which counts as sent
    expect(box.state().entries).toHaveLength(0);
    expect(server.results.size).toBe(2);
    expect([...server.photos.values()]).toEqual([1, 1]);
  });

  it('keeps a refused result visible and never resends it; a lapsed session waits for sign-in', async () => {
    const server = fakeServer();
    const box = createOutbox({ store: memoryStore(), transport: server.transport, classify, isOnline: () => true });
    await box.enqueue(entry('k-closed-001', 31));
    server.refuseWith(new Refused(409, 'task_closed'));
    await box.sync('inspector');
    expect(box.state().entries[0]!.rejected).toEqual({ code: 'task_closed', message: 'task_closed' });
    server.refuseWith(null);
    await box.sync('inspector');
    expect(server.results.size).toBe(0);

    await box.enqueue(entry('k-signin-001', 32));
    server.refuseWith(new Refused(401, 'unauthenticated'));
    await box.sync('inspector');
    expect(box.state().needsSignIn).toBe(true);
    server.refuseWith(null);
    await box.sync('inspector');
    expect(server.results.has('k-signin-001')).toBe(true);
    expect(box.state().needsSignIn).toBe(false);
    await box.discard('k-closed-001');
    expect(box.state().entries).toHaveLength(0);
  });

  it("sends only the signed-in user's results (a shared phone)", async () => {
    const server = fakeServer();
    const box = createOutbox({ store: memoryStore(), transport: server.transport, classify, isOnline: () => true });
    await box.enqueue({ ...entry('k-other-0001', 41), username: 'insp-2' });
    await box.enqueue(entry('k-mine-00001', 42));
    await box.sync('inspector');
    expect([...server.results.keys()]).toEqual(['k-mine-00001']);
    expect(box.state().entries.map((e) => e.username)).toEqual(['insp-2']);
  });

  it('carries a reason for not visiting (未入户) instead of a result, with its photo, through a dropped line', async () => {
    const server = fakeServer();
    const box = createOutbox({ store: memoryStore(), transport: server.transport, classify, isOnline: () => true });
    await box.enqueue({
      ...entry('k-notvisited-1', 51, [120]),
      report: { notVisited: { reason: 'other', note: '道路塌方' }, hazards: [], observedAt: '2026-07-12T15:04:05+08:00' },
    });
    server.setDown(true);
    await box.sync('inspector');
    expect(box.state().entries[0]!.report.notVisited).toEqual({ reason: 'other', note: '道路塌方' });
    server.setDown(false);
    await box.sync('inspector');
    const sent = server.results.get('k-notvisited-1')!;
    expect(sent.report).toEqual({ notVisited: { reason: 'other', note: '道路塌方' }, hazards: [], observedAt: '2026-07-12T15:04:05+08:00' });
    expect(sent.report.result).toBeUndefined();
    expect(sent.photos).toEqual(['sha-120']);
  });
});

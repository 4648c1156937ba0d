// A JSON answer written as its rows are read, so a 50,000-feature page never sits whole in memory as
// objects and then as one string: each item is serialised when its row comes and forgotten once the
// client has it. Rows are pulled only as fast as the client reads (the web stream's backpressure),
// and every PACE items the event loop turns, so other requests are answered meanwhile.
import type { TypedResponse } from 'hono';
import { Readable } from 'node:stream';

const PACE = 500;
/** Items joined into one chunk: fewer, larger writes than one per feature. */
const BATCH = 256;

export interface JsonStreamParts {
  /** Everything before the array's first item, e.g. `{"type":"FeatureCollection","features":[`. */
  head: string;
  /** The array's items, each already JSON. */
  items: Iterable<string>;
  /** Everything after the last item, asked for once the items have run out (it may say how many there were). */
  tail: () => string;
  /** Runs once when the stream ends, fails or the client hangs up: releases what `items` reads from. */
  release: () => void;
}

/** The parts as a web stream of UTF-8 bytes, for `c.body`. */
export function jsonStream({ head, items, tail, release }: JsonStreamParts): ReadableStream<Uint8Array> {
  const rows = items[Symbol.iterator]();
  let released = false;
  // End the rows' iteration first (it frees their statement), then release what they read from: on
  // every path — the end, a failure, a client that hangs up (its stream is destroyed, and the generator
  // below returns from wherever it waits).
  const done = () => {
    if (released) return;
    released = true;
    try {
      rows.return?.();
    } finally {
      release();
    }
  };
  async function* chunks() {
    try {
      let batch: string[] = [head];
      let first = true;
      let n = 0;
      for (let next = rows.next(); !next.done; next = rows.next()) {
        const item = next.value;
        batch.push(first ? item : `,${item}`);
        first = false;
        if (batch.length >= BATCH) {
          yield Buffer.from(batch.join(''), 'utf8');
          batch = [];
        }
        if (++n % PACE === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      batch.push(tail());
      yield Buffer.from(batch.join(''), 'utf8');
    } finally {
      done();
    }
  }
  const source = Readable.from(chunks(), { objectMode: false });
  // A client that hangs up destroys the source while the generator may be waiting for its turn of the loop.
  source.once('close', done);
  return Readable.toWeb(source) as ReadableStream<Uint8Array>;
}

/**
 * A response written by hand (streamed, kept bytes, a 304) typed as the JSON it carries, so the typed
 * client (`hc<AppType>`) reads it as `T`: Hono types only what `c.json` builds.
 */
export const asJson = <T>(response: Response): TypedResponse<T, 200, 'json'> => response as unknown as TypedResponse<T, 200, 'json'>;

// A streamed answer gzipped once and kept: the client reads the gzipped stream as it is made, and a
// second branch of it collects the same bytes for the cache, so the next identical request is a lookup
// (http/byte-cache.ts) and costs neither the query nor the encoding. The collecting branch reads as fast
// as the answer is made; the client's branch keeps its own pace (a tee buffers for the slower reader,
// gzipped, so a slow phone holds kilobytes, not the answer's objects).
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/**
 * The gzipped stream for the client, and the whole gzipped answer once it is complete — null when it
 * failed (the client's branch fails too, where it is reported) or grew past maxBytes: nothing to keep.
 */
export function gzipAndKeep(body: ReadableStream<Uint8Array>, maxBytes: number): { stream: ReadableStream<Uint8Array>; whole: Promise<Uint8Array | null> } {
  const [stream, toCache] = body.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).tee();
  return { stream, whole: collect(toCache, maxBytes).catch(() => null) };
}

const gzipAsync = promisify(gzip);

/** A whole answer gzipped on libuv's threads (zlib's async API), not on the event loop. */
export const gzipOffLoop = (text: string): Promise<Uint8Array> => gzipAsync(text);

/** All the stream's bytes, or null (and the rest left unread) once they pass maxBytes. */
async function collect(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

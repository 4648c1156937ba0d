// A streamed answer gzipped once and kept: the client reads the gzipped stream as it is made, and a
// second branch of it collects the same bytes for the cache, so the next identical request is a lookup
// (http/byte-cache.ts) and costs neither the query nor the encoding. The collecting branch reads as fast
// as the answer is made; the client's branch keeps its own pace (a tee buffers for the slower reader,
// gzipped, so a slow phone holds kilobytes, not the answer's objects).

/** The gzipped stream for the client; `keep` gets the whole gzipped answer once it is complete. */
export function gzipAndKeep(body: ReadableStream<Uint8Array>, keep: (bytes: Uint8Array) => void, maxBytes: number): ReadableStream<Uint8Array> {
  const [toClient, toCache] = body.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).tee();
  void collect(toCache, maxBytes).then(
    (bytes) => bytes && keep(bytes),
    // A failed answer fails the client's branch too, where it is reported; nothing is kept.
    () => undefined,
  );
  return toClient;
}

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

// Field photos: uploaded once by content (POST /api/photos), then named by their sha256 in a result or
// a damage report — the server attaches only photos the sender uploaded.
import { api, unwrap } from './client.ts';

// A slow uplink may take a minute for a photo; past that the try counts as failed.
const PHOTO_TIMEOUT_MS = 90_000;

/** Uploads one photo; resolves to its sha256. */
export async function uploadPhoto(blob: Blob, name: string): Promise<string> {
  const form = new FormData();
  form.append('photo', blob, name);
  // The route reads multipart itself, so the typed client has no `form` for it: send the body as init.
  const res = await api.api.photos.$post(undefined, { init: { body: form, signal: AbortSignal.timeout(PHOTO_TIMEOUT_MS) } });
  return (await unwrap(res)).photo.sha256;
}

// Phone photos are 3–8 MB; over a weak uplink that is minutes each. Before a photo is queued it is
// scaled to at most 2048 px on the long side and re-encoded as JPEG (which also drops the EXIF block
// with its own GPS tag). A format the browser cannot decode (HEIC on some phones) is queued as it is.
const MAX_SIDE = 2048;
const SMALL_ENOUGH = 1.5 * 1024 * 1024;

export async function shrinkPhoto(file: File): Promise<Blob> {
  if (typeof createImageBitmap === 'undefined') return file;
  let bitmap: ImageBitmap | null = null;
  try {
    bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= SMALL_ENOUGH) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  } finally {
    bitmap?.close();
  }
}

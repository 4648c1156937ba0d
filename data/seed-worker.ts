// The seed worker seals personal data on the second core while the main thread generates and writes
// households (seed-parallel.ts): AES-GCM and HMAC for every ID card and phone cost as much as SQLite.
// Results travel back as one packed, transferred buffer per batch — no per-row cloning.
import { parentPort, workerData } from 'node:worker_threads';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';

export interface SealRequest {
  batch: number;
  idCards: string[];
  phones: (string | null)[];
}

/** Four blobs per household (ID ciphertext, ID hash, phone ciphertext, phone hash); blob i spans offsets[i]..offsets[i+1]. */
export interface SealReply {
  batch: number;
  bytes: ArrayBuffer;
  offsets: Uint32Array;
}

if (parentPort) {
  const port = parentPort;
  const cipher = createPersonalDataCipher(Buffer.from((workerData as { dataKey: Uint8Array }).dataKey));
  port.on('message', (req: SealRequest) => {
    const blobs: Buffer[] = [];
    for (let i = 0; i < req.idCards.length; i++) {
      const phone = req.phones[i];
      blobs.push(cipher.encrypt(req.idCards[i]!), cipher.hash(req.idCards[i]!));
      blobs.push(phone ? cipher.encrypt(phone) : EMPTY, phone ? cipher.hash(phone) : EMPTY);
    }
    const offsets = new Uint32Array(blobs.length + 1);
    blobs.forEach((b, i) => (offsets[i + 1] = offsets[i]! + b.length));
    const packed = Buffer.concat(blobs);
    // A fresh ArrayBuffer of exactly the packed bytes, so it can be transferred without a copy.
    const bytes = packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.length);
    port.postMessage({ batch: req.batch, bytes, offsets } satisfies SealReply, [bytes, offsets.buffer]);
  });
}

const EMPTY = Buffer.alloc(0);

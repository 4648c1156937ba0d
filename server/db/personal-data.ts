import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for ID-card and phone numbers: a copied database file reveals neither.
 * AES-256-GCM (random 12-byte IV, stored as iv ‖ tag ‖ ciphertext) for the value, and an
 * HMAC-SHA256 under a separate derived key for exact lookup without decrypting every row.
 */
export interface PersonalDataCipher {
  encrypt(clear: string): Buffer;
  decrypt(sealed: Buffer): string;
  hash(clear: string): Buffer;
}

export function createPersonalDataCipher(masterKey: Buffer): PersonalDataCipher {
  if (masterKey.length !== 32) throw new Error('ANJU_DATA_KEY must be 32 bytes (base64 or hex)');
  const encKey = createHmac('sha256', masterKey).update('anju:enc').digest();
  const macKey = createHmac('sha256', masterKey).update('anju:mac').digest();
  return {
    encrypt(clear) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', encKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
    hash(clear) {
      return createHmac('sha256', macKey).update(clear.trim().toUpperCase()).digest();
    },
  };
}

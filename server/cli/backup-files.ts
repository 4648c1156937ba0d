// The folders a backup carries beside its database file (`npm run backup`, `npm run restore`): where
// they lie next to the backup, and how they are copied. Photos and import files are stored under their
// SHA-256 and never changed, so a copy taken while the server runs is sound, and merging into a folder
// that already holds some of them overwrites nothing that differs.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** FILE.photos/ and FILE.imports/ beside the backup FILE. */
export const backupFolders = (file: string) => ({ photos: `${file}.photos`, imports: `${file}.imports` });

/** Field photos live in `photos/` beside the database (server/app.ts). */
export const photosDirOf = (dbPath: string) => join(dirname(dbPath), 'photos');

/**
 * Copies a folder's files into another (made if missing, so a backup always has both folders), skipping
 * a photo still being written (`*.tmp`, renamed when complete); returns how many files the copy holds.
 */
export function copyFolder(from: string, to: string): number {
  mkdirSync(to, { recursive: true });
  if (!existsSync(from)) return 0;
  cpSync(from, to, { recursive: true, force: false, errorOnExist: false, filter: (src) => !src.endsWith('.tmp') });
  return countFiles(to);
}

export function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

// npm run backup -- --out FILE [--db DB] [--force]
// Backs up a county while its server runs: the database with SQLite's online backup API (one
// consistent moment, server/db/backup.ts) into FILE, then the field photos into FILE.photos/ and the
// uploaded import files into FILE.imports/ — after the database, so every photo it names is there. The
// personal-data key is NOT in the backup, on purpose: it says where the key is, to be kept apart.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataKeyFile, loadConfig } from '../config.ts';
import { backupDatabase } from '../db/backup.ts';
import { backupFolders, copyFolder, photosDirOf } from './backup-files.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, db: { type: 'string' }, force: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const source = resolve(values.db ?? config.dbPath);
  if (!values.out) {
    console.error('usage: npm run backup -- --out FILE [--db DB] [--force]');
    return 2;
  }
  const out = resolve(values.out);
  if (!existsSync(source)) {
    console.error(`no database at ${source} (pass --db FILE or set ANJU_DB)`);
    return 2;
  }
  const folders = backupFolders(out);
  if (!values.force && [out, folders.photos, folders.imports].some((p) => existsSync(p))) {
    console.error(`${out} (or its .photos/.imports folder) exists: pass --force to replace it`);
    return 2;
  }

  // Written under another name and renamed at the end: a backup cut short never passes for a whole one.
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const started = Date.now();
  const { pages, bytes } = await backupDatabase(source, partial);
  for (const dir of Object.values(folders)) rmSync(dir, { recursive: true, force: true });
  renameSync(partial, out);
  const photos = copyFolder(photosDirOf(source), folders.photos);
  const imports = copyFolder(config.imports.dir, folders.imports);

  console.log(`[anju backup] ${source} → ${out}: ${pages} pages, ${(bytes / 1048576).toFixed(1)} MB, integrity ok, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`[anju backup] photos: ${photos} files → ${folders.photos}`);
  console.log(`[anju backup] import files: ${imports} files → ${folders.imports}`);
  const keyAt = process.env.ANJU_DATA_KEY ? 'the ANJU_DATA_KEY variable of the server’s environment' : `the key file ${dataKeyFile(source)}`;
  console.warn(
    `WARNING: the personal-data key is NOT in this backup. ID-card and phone numbers in it can only be read with ${keyAt}: ` +
      'keep a copy of that key, apart from the backup — without it they are lost; with the backup, anyone holding both can read them.',
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);

// npm run restore -- --from FILE [--db DB] [--force]
// Puts a backup made by `npm run backup` in place of the county's database (the server stopped). The
// file must pass `PRAGMA integrity_check`, be an Anju database and carry only migrations this build
// knows; a database already at the target is replaced only with --force, and is kept beside it
// (DB.replaced-<time>, its WAL with it) rather than deleted. FILE.photos/ and FILE.imports/ are merged
// into the photo and import folders. Last, it checks the personal-data key opens the backup's data.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataKeyFile, findDataKey, loadConfig } from '../config.ts';
import { checkBackup } from '../db/backup.ts';
import { createPersonalDataCipher } from '../db/personal-data.ts';
import { backupFolders, copyFolder, photosDirOf } from './backup-files.ts';

function main(): number {
  const { values } = parseArgs({ options: { from: { type: 'string' }, db: { type: 'string' }, force: { type: 'boolean', default: false } } });
  const config = loadConfig();
  if (!values.from) {
    console.error('usage: npm run restore -- --from FILE [--db DB] [--force]');
    return 2;
  }
  const from = resolve(values.from);
  const target = resolve(values.db ?? config.dbPath);
  if (!existsSync(from)) {
    console.error(`refused: no backup at ${from}`);
    return 2;
  }
  const check = checkBackup(from);
  if (!check.ok) {
    console.error(`refused: ${check.problem}`);
    return 2;
  }
  if (existsSync(target) && !values.force) {
    console.error(`refused: ${target} exists and a restore replaces it. Stop the server, then run again with --force (the database there is kept as ${target}.replaced-<time>).`);
    return 2;
  }

  // The database there (and its WAL and shared-memory files, which belong to it alone) moved aside
  // together: a WAL left beside the restored file would be read into it.
  if (existsSync(target)) {
    const aside = `${target}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, aside + suffix);
    console.log(`[anju restore] the database that was at ${target} is kept as ${aside}`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const restoring = `${target}.restoring`;
  rmSync(restoring, { force: true });
  copyFileSync(from, restoring);
  renameSync(restoring, target);
  const folders = backupFolders(from);
  const photos = copyFolder(folders.photos, photosDirOf(target));
  const imports = copyFolder(folders.imports, config.imports.dir);
  console.log(`[anju restore] ${from} → ${target}: ${check.households} households, ${check.migrations.length} migrations (the server applies any newer ones on start), integrity ok`);
  console.log(`[anju restore] photos: ${existsSync(folders.photos) ? `${photos} files in ${photosDirOf(target)}` : `none (no ${folders.photos})`}`);
  console.log(`[anju restore] import files: ${existsSync(folders.imports) ? `${imports} files in ${config.imports.dir}` : `none (no ${folders.imports})`}`);

  // The key is never in a backup: without the one it was made with, ID-card and phone numbers stay sealed
  // (and a server started with no key at all would make a new one).
  const key = findDataKey(target);
  if (!key) {
    console.warn(
      `WARNING: no personal-data key for ${target}: neither ANJU_DATA_KEY nor ${dataKeyFile(target)}. Put back the key this backup was made with ` +
        'before starting the server — started without one, it makes a new key, and the ID-card and phone numbers of this backup cannot be read with it.',
    );
  } else if (check.sealedSample) {
    try {
      createPersonalDataCipher(key.key).decrypt(check.sealedSample);
      console.log(`[anju restore] the personal-data key (${key.from}) opens this backup's ID-card and phone numbers`);
    } catch {
      console.warn(`WARNING: the personal-data key (${key.from}) does not open this backup's ID-card and phone numbers: it was made with another key. Put that one back.`);
    }
  }
  console.log(`[anju restore] done: start the server on ${target} (ANJU_DB=${target}) — the folder is ${dirname(target)}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`restore failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

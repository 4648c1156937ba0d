import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

/**
 * A stamp of what the database holds, as this connection sees it: it moves with every row this
 * connection changes (total_changes) and every commit by another connection (data_version). Two
 * reads under the same stamp read the same data, so the second may take the first one's answer.
 */
export function dataStamp(db: Db): string {
  const { changes, version } = prepared(
    db,
    'SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version',
  ).get() as { changes: number; version: number };
  return `${changes}.${version}`;
}

// A batch's status as a coloured badge, the same in the history and the batch's own head. A checked
// cross-check is "compared", not "ready to commit": it never writes.
import type { TFunction } from 'i18next';
import type { BatchStatus, ImportKindName } from '../../api/imports.ts';

export const STATUS_COLORS: Record<BatchStatus, string> = {
  checking: '#2563eb',
  ready: '#15803d',
  invalid: '#b45309',
  committing: '#2563eb',
  committed: '#166534',
  failed: '#b91c1c',
};

export const statusLabel = (t: TFunction, kind: ImportKindName, status: BatchStatus): string =>
  t([`imports.status.${kind}.${status}`, `imports.status.${status}`]);

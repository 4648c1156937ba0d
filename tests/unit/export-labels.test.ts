import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json' with { type: 'json' };
import zh from '../../client/i18n/zh-CN.json' with { type: 'json' };
import {
  CATEGORY_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_SUBJECT_LABELS,
  GRADE_LABELS,
  GUARANTEE_MODE_LABELS,
  NOT_VISITED_LABELS,
  PLAN_MODE_LABELS,
  STANDING_LABELS,
  STATE_LABELS,
  STOP_RESULT_LABELS,
  STRUCTURE_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  type Label,
} from '../../server/exports/labels.ts';

type Catalogue = typeof zh;
/** Each export table and where the screens keep the same words. */
const PAIRS: [string, Record<string, Label>, (c: Catalogue) => Record<string, string>][] = [
  ['grade', GRADE_LABELS, (c) => c.gradeShort],
  ['structure', STRUCTURE_LABELS, (c) => c.structure],
  ['ledger state', STATE_LABELS, (c) => c.status],
  ['household category', CATEGORY_LABELS, (c) => c.category],
  ['guarantee mode', GUARANTEE_MODE_LABELS, (c) => c.guaranteeMode],
  ['standing', STANDING_LABELS, (c) => c.ledger.standing],
  ['plan mode', PLAN_MODE_LABELS, (c) => c.ledger.mode],
  ['task status', TASK_STATUS_LABELS, (c) => c.taskStatus],
  ['task kind', TASK_KIND_LABELS, (c) => c.schedules.kind],
  ['stop result', STOP_RESULT_LABELS, (c) => c.field.result],
  ['not visited', NOT_VISITED_LABELS, (c) => c.field.notVisited.reason],
  ['complaint status', COMPLAINT_STATUS_LABELS, (c) => c.complaints.status],
  ['complaint channel', COMPLAINT_CHANNEL_LABELS, (c) => c.complaints.channel],
  ['complaint subject', COMPLAINT_SUBJECT_LABELS, (c) => c.complaints.subject],
];

describe('the words of exported files', () => {
  it.each(PAIRS)('say the %s as the screens do, in both languages', (_, table, at) => {
    for (const [code, label] of Object.entries(table)) {
      expect(label['zh-CN'], code).toBe(at(zh)[code]);
      expect(label.en, code).toBe(at(en as unknown as Catalogue)[code]);
    }
  });
});

// The columns of each exported list: the header in both UI languages, the width in an Excel sheet, and
// the cell of one row — codes turned into the words the screens use (labels.ts), times in China time,
// flags as 是/否. The rows are the list APIs' own rows (routes/exports.ts); the personal cells come from
// the household or the complaint, masked unless the export was unmasked.
import type { ExposedHousehold } from '../db/alert-exposure.ts';
import type { CoverageRow } from '../db/alert-coverage.ts';
import type { AuditRow } from '../db/audit.ts';
import type { ComplaintRow } from '../db/complaints.ts';
import type { HouseholdPoint } from '../db/households.ts';
import type { LedgerRow } from '../db/ledger-list.ts';
import type { PatrolTask } from '../db/patrol-tasks.ts';
import type { DeadlineStanding } from '../domain/deadlines.ts';
import type { UnassignedReason } from '../domain/patrol-capacity.ts';
import {
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_SUBJECT_LABELS,
  GRADE_LABELS,
  NOT_VISITED_LABELS,
  PLAN_MODE_LABELS,
  STANDING_LABELS,
  STATE_LABELS,
  STOP_RESULT_LABELS,
  STRUCTURE_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  YES_NO,
  type ExportLang,
  type Label,
} from './labels.ts';

/** A household's head (or a complainant) and their ID-card and phone numbers, as this export may show them. */
export interface Personal {
  name: string | null;
  idCard: string | null;
  phone: string | null;
}

export type Cell = string | number | null;

export interface Column<R> {
  key: string;
  label: Label;
  /** Characters, for the Excel sheet. */
  width: number;
  cell(row: R, lang: ExportLang, personal: Personal): Cell;
}

const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

const UNASSIGNED_LABELS: Record<UnassignedReason, Label> = {
  no_capacity: l('人手不足', 'Not enough people'),
  no_one_trained: l('无受训人员', 'Nobody trained'),
};

/** A code's word, or an empty cell for none. */
const word =
  <K extends string>(table: Record<K, Label>) =>
  (code: K | null, lang: ExportLang): Cell =>
    code === null ? null : table[code][lang];
const grade = (g: string | null, lang: ExportLang) => GRADE_LABELS[(g ?? 'none') as keyof typeof GRADE_LABELS][lang];
const yesNo = (b: boolean, lang: ExportLang) => (b ? YES_NO.yes : YES_NO.no)[lang];

/** An instant as China Standard Time (UTC+8, no daylight saving), to the minute: what the clerk's clock said. */
export function chinaTime(iso: string | null): Cell {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function col<R>(key: string, zh: string, en: string, width: number, cell: Column<R>['cell']): Column<R> {
  return { key, label: l(zh, en), width, cell };
}

/** The head's name and the ID-card and phone numbers: every household list has them, in this order. */
function personalColumns<R>(): Column<R>[] {
  return [
    col('headName', '户主姓名', 'Head of household', 10, (_, __, p) => p.name),
    col('idCard', '身份证号', 'ID card', 21, (_, __, p) => p.idCard),
    col('phone', '联系电话', 'Phone', 14, (_, __, p) => p.phone),
  ];
}

const structure = word(STRUCTURE_LABELS);
const state = word(STATE_LABELS);

export const EXPOSED_COLUMNS: Column<ExposedHousehold & { rank: number }>[] = [
  col('rank', '风险排名', 'Risk rank', 8, (r) => r.rank),
  col('householdNo', '户编号', 'Household no.', 16, (r) => r.householdNo),
  ...personalColumns<ExposedHousehold & { rank: number }>(),
  col('village', '所在村', 'Village', 12, (r) => r.villageName),
  col('structure', '房屋结构', 'Structure', 10, (r, lang) => structure(r.structure, lang)),
  col('grade', '鉴定等级', 'Grade', 10, (r, lang) => grade(r.grade, lang)),
  col('key', '重点房屋', 'Key house', 8, (r, lang) => yesNo(r.key, lang)),
  col('repairedC', '修缮加固C级', 'Repaired C', 10, (r, lang) => yesNo(r.repairedC, lang)),
  col('risk', '风险分', 'Risk score', 8, (r) => r.risk),
];

export const TASK_COLUMNS: Column<PatrolTask>[] = [
  col('id', '任务编号', 'Task', 8, (r) => r.id),
  col('kind', '任务类型', 'Kind', 10, (r, lang) => word(TASK_KIND_LABELS)(r.kind, lang)),
  col('alert', '预警', 'Warning', 28, (r) => r.alert?.headline ?? null),
  col('village', '村', 'Village', 12, (r) => r.villageName),
  col('part', '分段', 'Part', 6, (r) => r.part),
  col('assignee', '巡查员', 'Inspector', 12, (r) => r.assignee?.displayName ?? null),
  col('unassignedReason', '未派原因', 'Why nobody', 12, (r, lang) => word(UNASSIGNED_LABELS)(r.unassignedReason, lang)),
  col('status', '状态', 'Status', 8, (r, lang) => word(TASK_STATUS_LABELS)(r.status, lang)),
  col('overdue', '逾期', 'Overdue', 6, (r, lang) => yesNo(r.overdue, lang)),
  col('dueAt', '截止时间', 'Due', 17, (r) => chinaTime(r.dueAt)),
  col('stops', '户数', 'Houses', 6, (r) => r.stopCount),
  col('done', '已巡查', 'Patrolled', 8, (r) => r.doneCount),
  col('notVisited', '未到访', 'Not visited', 8, (r) => r.notVisitedCount),
  col('estimatedMinutes', '预计用时（分钟）', 'Estimate (min)', 10, (r) => r.estimatedMinutes),
  col('routeLengthM', '路线长度（米）', 'Route (m)', 10, (r) => Math.round(r.routeLengthM)),
];

export const COVERAGE_COLUMNS: Column<CoverageRow>[] = [
  col('householdNo', '户编号', 'Household no.', 16, (r) => r.householdNo),
  ...personalColumns<CoverageRow>(),
  col('village', '所在村', 'Village', 12, (r) => r.villageName),
  col('structure', '房屋结构', 'Structure', 10, (r, lang) => structure(r.structure, lang)),
  col('grade', '鉴定等级', 'Grade', 10, (r, lang) => grade(r.grade, lang)),
  col('risk', '风险分', 'Risk score', 8, (r) => r.risk),
  col('task', '任务编号', 'Task', 8, (r) => r.taskId),
  col('taskStatus', '任务状态', 'Task status', 8, (r, lang) => word(TASK_STATUS_LABELS)(r.taskStatus, lang)),
  col('assignee', '巡查员', 'Inspector', 12, (r) => r.assignee),
  col('result', '巡查结果', 'Result', 10, (r, lang) => word(STOP_RESULT_LABELS)(r.result, lang)),
  col('notVisited', '未到访原因', 'Not visited', 10, (r, lang) => word(NOT_VISITED_LABELS)(r.notVisited, lang)),
  col('observedAt', '巡查时间', 'Seen at', 17, (r) => chinaTime(r.observedAt)),
];

const standing = (s: DeadlineStanding | null, lang: ExportLang) => word(STANDING_LABELS)(s, lang);

export const LEDGER_COLUMNS: Column<LedgerRow>[] = [
  col('householdNo', '户编号', 'Household no.', 16, (r) => r.householdNo),
  ...personalColumns<LedgerRow>(),
  col('township', '乡镇', 'Township', 12, (r) => r.townshipName),
  col('village', '所在村', 'Village', 12, (r) => r.villageName),
  col('structure', '房屋结构', 'Structure', 10, (r, lang) => structure(r.structure, lang)),
  col('grade', '鉴定等级', 'Grade', 10, (r, lang) => grade(r.grade, lang)),
  col('state', '台账阶段', 'Stage', 14, (r, lang) => state(r.state, lang)),
  col('openedOn', '立案日期', 'Opened', 11, (r) => r.openedOn),
  col('dangerousOn', '鉴定为危房日期', 'Found dangerous', 11, (r) => r.dangerousOn),
  col('worksDueOn', '改造期限', 'Works due', 11, (r) => r.worksDueOn),
  col('standing', '期限状态', 'Standing', 10, (r, lang) => standing(r.standing, lang)),
  col('planMode', '改造方式', 'Plan mode', 10, (r, lang) => word(PLAN_MODE_LABELS)(r.planMode, lang)),
  col('mustMoveOut', '需立即转移', 'Must move out', 8, (r, lang) => yesNo(r.mustMoveOut, lang)),
  col('relocated', '已过渡安置', 'Relocated', 8, (r, lang) => yesNo(r.relocated, lang)),
];

/** The flagged lists (suspected, to move out): the households the map's list gives. */
export const FLAGGED_COLUMNS: Column<HouseholdPoint>[] = [
  col('householdNo', '户编号', 'Household no.', 16, (r) => r.householdNo),
  ...personalColumns<HouseholdPoint>(),
  col('village', '所在村', 'Village', 12, (r) => r.villageName),
  col('structure', '房屋结构', 'Structure', 10, (r, lang) => structure(r.structure, lang)),
  col('grade', '鉴定等级', 'Grade', 10, (r, lang) => grade(r.grade, lang)),
  col('state', '台账阶段', 'Stage', 14, (r, lang) => state(r.status as LedgerRow['state'], lang)),
  col('key', '重点房屋', 'Key house', 8, (r, lang) => yesNo(r.key, lang)),
  col('overdue', '改造逾期', 'Works overdue', 8, (r, lang) => yesNo(r.overdue, lang)),
  col('mustMoveOut', '需立即转移', 'Must move out', 8, (r, lang) => yesNo(r.mustMoveOut, lang)),
];

const json = (v: unknown): Cell => (v === null || v === undefined ? null : JSON.stringify(v));

export const AUDIT_COLUMNS: Column<AuditRow>[] = [
  col('id', '序号', 'No.', 8, (r) => r.id),
  col('at', '时间', 'Time', 17, (r) => chinaTime(r.at)),
  col('username', '操作人', 'User', 12, (r) => r.username),
  col('action', '操作', 'Action', 18, (r) => r.action),
  col('entity', '对象', 'Record', 10, (r) => r.entity),
  col('entityId', '对象编号', 'Record id', 10, (r) => r.entityId),
  col('before', '变更前', 'Before', 30, (r) => json(r.before)),
  col('after', '变更后', 'After', 30, (r) => json(r.after)),
  col('reason', '原因', 'Reason', 20, (r) => r.reason),
  col('ip', '地址', 'Address', 14, (r) => r.ip),
];

type ComplaintListRow = ComplaintRow & { standing: DeadlineStanding };

export const COMPLAINT_COLUMNS: Column<ComplaintListRow>[] = [
  col('receiptNo', '受理编号', 'Receipt', 16, (r) => r.receiptNo),
  col('channel', '渠道', 'Channel', 10, (r, lang) => word(COMPLAINT_CHANNEL_LABELS)(r.channel, lang)),
  col('subject', '问题', 'Problem', 16, (r, lang) => word(COMPLAINT_SUBJECT_LABELS)(r.subject, lang)),
  col('receivedOn', '受理日期', 'Received', 11, (r) => r.receivedOn),
  col('dueOn', '答复期限', 'Answer due', 11, (r) => r.dueOn),
  col('status', '状态', 'Status', 8, (r, lang) => word(COMPLAINT_STATUS_LABELS)(r.status, lang)),
  col('standing', '期限状态', 'Standing', 10, (r, lang) => standing(r.standing, lang)),
  col('answeredOn', '答复日期', 'Answered', 11, (r) => r.answeredOn),
  col('township', '乡镇', 'Township', 12, (r) => r.township?.name ?? null),
  col('village', '村', 'Village', 12, (r) => r.village?.name ?? null),
  col('assignee', '承办人', 'Handled by', 10, (r) => r.assignee?.displayName ?? null),
  col('contactName', '举报人', 'Complainant', 10, (_, __, p) => p.name),
  col('contactPhone', '联系电话', 'Phone', 14, (_, __, p) => p.phone),
  col('summary', '内容摘要', 'Summary', 40, (r) => r.summary),
];

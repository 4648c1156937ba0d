// The colours the whole UI reads: the map's layers, the legend, the panels and badges. One table per
// vocabulary, so the map and what explains it can never disagree.
import { ALERT_LEVELS, type AlertLevel } from '../../server/domain/alerts.ts';
import type { DeadlineStanding } from '../../server/domain/deadlines.ts';
import { FRAGILE_STRUCTURES, STRUCTURES, type GradeKey, type Structure } from '../../server/domain/housing.ts';
import type { DamageDegree } from '../../server/domain/disasters.ts';
import type { LedgerState } from '../../server/domain/ledger-states.ts';
import type { RiskBand } from '../../server/domain/risk-bands.ts';
import type { TaskKind } from '../../server/domain/task-kinds.ts';
import type { TaskStatus } from '../../server/domain/task-states.ts';

export const GRADE_COLORS: Record<GradeKey, string> = {
  A: '#2e9d4f', // safe
  B: '#2f6fd6', // basically safe
  C: '#f08c00', // partly dangerous (局部危房)
  D: '#d62828', // wholly dangerous (整幢危房)
  none: '#9aa0a6', // never appraised
};

/** The region a map is filtered to (a township or village): a pale fill under an amber outline. */
export const REGION_HIGHLIGHT = { fill: '#fff4c2', line: '#b45309' } as const;

export const REPAIRED_C_COLOR = '#c2189b';
/** 疑似危房: a field report found a hazard; the house waits for a technician's appraisal. */
export const SUSPECTED_COLOR = '#b91c1c';
export const SELECTED_COLOR = '#111827';

/**
 * How a structure is marked: the fragile ones (土木, 土坯, 窑洞, 砖木, 砖土混杂 — seeds 001, 003) carry
 * a thick dark ring that reads from across the room; sturdy ones a thin white edge.
 */
export type StructureMark = 'fragile' | 'sturdy';
export const MARK_RINGS: Record<StructureMark, { color: string; width: number }> = {
  fragile: { color: '#1c1917', width: 3 },
  sturdy: { color: '#ffffff', width: 1.25 },
};
export const STRUCTURE_MARKS: Record<Structure, StructureMark> = Object.fromEntries(
  STRUCTURES.map((s) => [s, FRAGILE_STRUCTURES.includes(s) ? 'fragile' : 'sturdy']),
) as Record<Structure, StructureMark>;

/**
 * CMA warning colours (蓝/黄/橙/红). `fill` tints the zone under the houses; `line` is the outline and
 * label colour, darker for yellow so it stays legible on the pale land.
 */
export const ALERT_LEVEL_STYLE: Record<AlertLevel, { fill: string; line: string }> = {
  blue: { fill: '#2f80ed', line: '#1d5fc0' },
  yellow: { fill: '#f2c200', line: '#a88400' },
  orange: { fill: '#f77f00', line: '#c25e00' },
  red: { fill: '#e0201b', line: '#b3130f' },
};
/** One colour per level for badges and keys in the panels (the outline colour). */
export const ALERT_LEVEL_COLORS: Record<AlertLevel, string> = Object.fromEntries(
  ALERT_LEVELS.map((l) => [l, ALERT_LEVEL_STYLE[l].line]),
) as Record<AlertLevel, string>;
/** The ring around the houses a selected warning exposes. */
export const EXPOSED_COLOR = '#111827';

/** Task status colours, shared by the dispatch map and the task list badges. */
export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  assigned: '#64748b', // 已派发
  accepted: '#0891b2', // 已接收
  in_progress: '#2563eb', // 巡查中
  completed: '#16a34a', // 已完成
  reviewed: '#166534', // 已审核
  cancelled: '#a8a29e', // 已取消
};
/** Past its deadline: an overdue patrol task, and a house whose works are overdue (seed 001). */
export const OVERDUE_COLOR = '#dc2626';

/** What a task is for: the board's kind badges and filter. */
export const TASK_KIND_COLORS: Record<TaskKind, string> = {
  alert: '#b45309', // 预警巡查
  manual: '#475569', // 圈选派发
  quarterly: '#7c3aed', // 季度回访
  campaign: '#0f766e', // 3–4月核查
};

/** How badly a disaster damaged a house (灾损程度): light to collapsed. */
export const DAMAGE_COLORS: Record<DamageDegree, string> = { minor: '#ca8a04', moderate: '#ea580c', severe: '#b91c1c', collapsed: '#450a0a' };

/** What a field result looks like on a stop's tick and in the lists. */
export const STOP_RESULT_COLORS = { safe: '#16a34a', hazard: '#ea580c', uninhabitable: '#b91c1c' } as const;
/** A stop that could not be visited (未入户): accounted for, not patrolled. */
export const NOT_VISITED_COLOR = '#6b7280';
/** A result recorded on the phone and not yet on the server (未上传). */
export const UNSENT_COLOR = '#d97706';
export const ROUTE_COLOR = '#4338ca';
export const MY_POSITION_COLOR = '#1a73e8';
export const STOP_DONE_FILL = '#d1d5db';

/** Risk bands of a patrol's stops (server/domain/risk-bands.ts): visited in this order, coloured hot to cool. */
export const RISK_BAND_COLORS: Record<RiskBand, string> = {
  severe: '#7f1d1d',
  high: '#dc2626',
  medium: '#c2410c',
  low: '#64748b',
};

/**
 * Ledger stages (整改台账, server/domain/ledger-states.ts), for the map's "by stage" colouring, the
 * ledger's tabs and the drawer. Hot to cool along the way to close-out: a suspected or listed house is
 * red, works in hand amber, awaiting acceptance blue, closed out green; the empty houses (household
 * safe elsewhere, idle, sealed, demolished) violet to grey. Houses with no case recede in light grey.
 */
export const LEDGER_STATE_COLORS: Record<LedgerState, string> = {
  monitoring: '#c3c8cf',
  suspected: '#9f1239',
  listed: '#e03131',
  planned: '#f76707',
  under_works: '#f59f00',
  completed: '#4dabf7',
  accepted: '#1c7ed6',
  closed_out: '#2f9e44',
  guaranteed: '#b197fc',
  idle: '#845ef7',
  sealed: '#5f3dc4',
  demolished: '#495057',
  closed: '#0b7285',
};

/**
 * The same stages as labels (badges with white text): the map's light fills (monitoring, completed,
 * guaranteed, works in hand) darkened until white reads on them.
 */
export const LEDGER_STATE_INK: Record<LedgerState, string> = {
  ...LEDGER_STATE_COLORS,
  monitoring: '#6b7280',
  planned: '#d9480f',
  under_works: '#b45309',
  completed: '#1c7ed6',
  accepted: '#1864ab',
  closed_out: '#2b8a3e',
  guaranteed: '#7048e8',
  idle: '#6741d9',
};

/** Where a deadline stands (server/domain/deadlines.ts deadlineStanding): the table's due-date colour. */
export const STANDING_COLORS: Record<DeadlineStanding, string> = {
  overdue: OVERDUE_COLOR,
  due_soon: '#d97706',
  open: '#475569',
  met: '#15803d',
  late: '#9a3412',
};

/** People first: a household still living in a house it must leave (D, or judged 不可以居住). */
export const MOVE_OUT_COLOR = '#6d28d9';

// The words an exported file uses for the codes the API speaks, in both languages of the UI: a county
// clerk opening a CSV reads 土木 and 改造中, not earth_wood and under_works. The client keeps its own
// catalogue (client/i18n); these say the same (tests/unit/export-labels.test.ts holds them together),
// and each table is typed by its vocabulary, so a new code cannot ship without its label.
import type { ComplaintChannel, ComplaintStatus, ComplaintSubject } from '../domain/complaint-states.ts';
import type { DeadlineStanding } from '../domain/deadlines.ts';
import type { NotVisitedReason, StopResult } from '../domain/hazards.ts';
import type { Category, GradeKey, GuaranteeMode, Structure } from '../domain/housing.ts';
import type { LedgerState } from '../domain/ledger-states.ts';
import type { TaskKind } from '../domain/task-kinds.ts';
import type { TaskStatus } from '../domain/task-states.ts';
import type { PlanMode } from '../db/ledger-list.ts';

export const EXPORT_LANGS = ['zh-CN', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/** One word in each language. */
export type Label = Record<ExportLang, string>;
type Labels<K extends string> = Record<K, Label>;

const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, en });

export const GRADE_LABELS: Labels<GradeKey> = {
  A: l('A级', 'A'),
  B: l('B级', 'B'),
  C: l('C级', 'C'),
  D: l('D级', 'D'),
  none: l('未鉴定', 'Not appraised'),
};

export const STRUCTURE_LABELS: Labels<Structure> = {
  reinforced_concrete: l('钢筋混凝土', 'Reinforced concrete'),
  brick_concrete: l('砖混', 'Brick-concrete'),
  brick_wood: l('砖木', 'Brick-wood'),
  stone_wood: l('石木', 'Stone-wood'),
  timber: l('木结构', 'Timber'),
  brick_earth: l('砖土混杂', 'Brick-earth'),
  earth_wood: l('土木', 'Earth-wood'),
  adobe: l('土坯', 'Adobe'),
  cave: l('窑洞', 'Cave dwelling'),
};

export const CATEGORY_LABELS: Labels<Category> = {
  unstable_ex_poor: l('脱贫不稳定户', 'Unstable ex-poor'),
  edge_poverty: l('边缘易致贫户', 'On the edge of poverty'),
  sudden_hardship: l('突发严重困难户', 'Sudden severe hardship'),
  dibao: l('低保户', 'Minimum living allowance (dibao)'),
  tekun: l('农村分散供养特困人员', 'Dispersed extreme-poverty dependant'),
  dibao_edge: l('低保边缘家庭', 'Edge of allowance'),
  other_ex_poor: l('其他脱贫户', 'Other ex-poor'),
  disabled_family: l('残疾人家庭', 'Family with disabled member'),
};

export const GUARANTEE_MODE_LABELS: Labels<GuaranteeMode> = {
  appraised_safe: l('鉴定安全', 'Appraised safe'),
  renovated_safe: l('改造安全', 'Renovated safe'),
  secured_elsewhere: l('保障安全', 'Secured elsewhere'),
};

export const STATE_LABELS: Labels<LedgerState> = {
  monitoring: l('动态监测', 'Monitoring'),
  suspected: l('疑似危房', 'Suspected'),
  listed: l('已纳入台账', 'In ledger'),
  planned: l('已制定方案', 'Planned'),
  under_works: l('改造中', 'Under works'),
  completed: l('已竣工待验收', 'Completed, awaiting acceptance'),
  accepted: l('已验收待销号', 'Accepted, awaiting close-out'),
  closed_out: l('已销号', 'Closed out'),
  guaranteed: l('已保障安全', 'Housed safely elsewhere'),
  idle: l('闲置危房', 'Idle dangerous house'),
  sealed: l('已封存', 'Sealed'),
  demolished: l('已拆除', 'Demolished'),
  closed: l('已销号（拆除）', 'Closed (demolished)'),
};

export const STANDING_LABELS: Labels<DeadlineStanding> = {
  overdue: l('已逾期', 'Overdue'),
  due_soon: l('即将到期', 'Due soon'),
  open: l('期限内', 'In time'),
  met: l('按期完成', 'Met'),
  late: l('逾期完成', 'Done late'),
};

export const PLAN_MODE_LABELS: Labels<PlanMode> = {
  repair_strengthen: l('修缮加固', 'Repair and strengthen'),
  rebuild: l('拆除重建', 'Demolish and rebuild'),
  new_site: l('选址新建', 'New site'),
  guarantee: l('保障安全', 'Safe elsewhere'),
};

export const TASK_STATUS_LABELS: Labels<TaskStatus> = {
  assigned: l('已派发', 'Assigned'),
  accepted: l('已接收', 'Accepted'),
  in_progress: l('巡查中', 'In progress'),
  completed: l('已完成', 'Completed'),
  reviewed: l('已审核', 'Reviewed'),
  cancelled: l('已取消', 'Cancelled'),
};

export const TASK_KIND_LABELS: Labels<TaskKind> = {
  alert: l('预警巡查', 'Alert patrol'),
  manual: l('圈选派发', 'Lasso'),
  quarterly: l('季度回访', 'Quarterly'),
  campaign: l('3–4月核查', 'Mar–Apr check'),
};

export const STOP_RESULT_LABELS: Labels<StopResult> = {
  safe: l('安全', 'Safe'),
  hazard: l('存在隐患', 'Hazard'),
  uninhabitable: l('不可居住', 'Uninhabitable'),
};

export const NOT_VISITED_LABELS: Labels<NotVisitedReason> = {
  not_home: l('不在家', 'Nobody home'),
  unreachable: l('无法到达', 'Unreachable'),
  other: l('其他', 'Other'),
};

export const COMPLAINT_STATUS_LABELS: Labels<ComplaintStatus> = {
  received: l('已受理', 'Received'),
  assigned: l('已交办', 'Assigned'),
  investigating: l('调查中', 'Investigating'),
  answered: l('已答复', 'Answered'),
  closed: l('已办结', 'Closed'),
};

export const COMPLAINT_CHANNEL_LABELS: Labels<ComplaintChannel> = {
  public_form: l('网上举报', 'Web form'),
  phone: l('电话', 'Phone'),
  mailbox: l('信箱', 'Mailbox'),
  visit: l('来访', 'Visit'),
  staff: l('工作中发现', 'Found by staff'),
};

export const COMPLAINT_SUBJECT_LABELS: Labels<ComplaintSubject> = {
  dangerous_house: l('房屋有危险', 'A dangerous house'),
  people_in_danger: l('有人住在危房里', 'People living in a dangerous house'),
  renovation_quality: l('危房改造质量', 'Renovation quality'),
  subsidy: l('补助资金', 'Subsidies'),
  appraisal_dispute: l('对鉴定结果有异议', 'Disputed appraisal'),
  other: l('其他问题', 'Something else'),
};

export const YES_NO: { yes: Label; no: Label } = { yes: l('是', 'yes'), no: l('否', 'no') };

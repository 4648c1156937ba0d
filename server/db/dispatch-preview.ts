// What a dispatch would create, in the words the dispatcher needs before confirming (issue 10 §3):
// per village, the houses by grade, the tasks with their time and who would go (trained until when,
// how much time they have left), and what nobody can take. Built from previewBatch — the same read and
// plan as the dispatch itself — and nothing is written.
import { GRADE_KEYS, gradeKey, type GradeKey } from '../domain/housing.ts';
import type { UnassignedReason } from '../domain/patrol-capacity.ts';
import type { PatrolPace } from '../domain/patrol-pace.ts';
import type { Db } from './connection.ts';
import { previewBatch, type DispatchBatch, type DispatchPlanner } from './dispatch.ts';
import type { HouseSite } from './households.ts';
import type { PatrolPersonRow } from './patrol-people.ts';
import { prepared } from './statements.ts';

export interface PreviewAssignee {
  id: number;
  displayName: string;
  role: PatrolPersonRow['role'];
  regionName: string;
  /** The last day of their training ('9999-12-31': no end). */
  trainedUntil: string;
  /** Minutes of open work they carried before this dispatch. */
  loadMinutes: number;
  /** Minutes left before the due time once this dispatch's tasks are theirs. */
  freeMinutes: number;
}

export interface PreviewTask {
  /** 1 for the village's first new task: the one with its riskiest houses. */
  part: number;
  stops: number;
  minutes: number;
  lengthM: number;
  topRisk: number | null;
  travelMinutes: number;
  assignee: PreviewAssignee | null;
  unassignedReason: UnassignedReason | null;
}

export interface PreviewVillage {
  villageCode: string;
  villageName: string;
  /** New houses for this village, by grade. */
  byGrade: Record<GradeKey, number>;
  houses: number;
  /** Houses that join the village's open task of this batch instead. */
  extended: { taskId: number; added: number } | null;
  tasks: PreviewTask[];
  /** Houses on tasks nobody can take. */
  unassignedStops: number;
  overCapacity: boolean;
}

export interface DispatchPreview {
  dueAt: string;
  /** Minutes each person has before the due time. */
  budgetMinutes: number;
  pace: PatrolPace;
  /** Houses the rule selects that are already on a task of this dispatch. */
  already: number;
  villages: PreviewVillage[];
  totals: { houses: number; tasks: number; assigned: number; unassignedStops: number; overCapacityVillages: number };
}

export async function previewDispatch(db: Db, b: DispatchBatch, sites: readonly HouseSite[], plan: DispatchPlanner): Promise<DispatchPreview> {
  const { read, plans } = await previewBatch(db, b, plan);
  const people = new Map(read.people.map((p) => [p.userId, p]));
  const spent = new Map<number, number>();
  for (const v of plans) for (const p of v.parts) if (p.assigneeId !== null) spent.set(p.assigneeId, (spent.get(p.assigneeId) ?? 0) + p.minutes + p.travelMinutes);
  const grade = new Map(sites.map((s) => [s.houseId, gradeKey(s.grade)]));
  const names = villageNames(db, plans.map((v) => v.villageCode));
  const villages = plans.map((v): PreviewVillage => {
    const houseIds = [...(v.extend?.added ?? []), ...v.parts.flatMap((p) => p.houseIds)];
    const byGrade = Object.fromEntries(GRADE_KEYS.map((g) => [g, 0])) as Record<GradeKey, number>;
    for (const id of houseIds) byGrade[grade.get(id) ?? 'none']++;
    const tasks = v.parts.map((p, i): PreviewTask => {
      const who = p.assigneeId === null ? undefined : people.get(p.assigneeId);
      return {
        part: i + 1,
        stops: p.houseIds.length,
        minutes: Math.round(p.minutes),
        lengthM: Math.round(p.lengthM),
        topRisk: p.topRisk,
        travelMinutes: Math.round(p.travelMinutes),
        assignee: who
          ? {
              id: who.userId,
              displayName: who.displayName,
              role: who.role,
              regionName: who.regionName,
              trainedUntil: who.trainedUntil!,
              loadMinutes: Math.round(who.loadMinutes),
              freeMinutes: Math.round((read.input.capacity ?? read.input.budget) - who.loadMinutes - (spent.get(who.userId) ?? 0)),
            }
          : null,
        unassignedReason: p.unassignedReason,
      };
    });
    const unassignedStops = tasks.filter((x) => !x.assignee).reduce((n, x) => n + x.stops, 0);
    return {
      villageCode: v.villageCode,
      villageName: names.get(v.villageCode) ?? v.villageCode,
      byGrade,
      houses: houseIds.length,
      extended: v.extend ? { taskId: v.extend.taskId, added: v.extend.added.length } : null,
      tasks,
      unassignedStops,
      overCapacity: tasks.some((x) => x.unassignedReason === 'no_capacity'),
    };
  });
  return {
    dueAt: b.dueAt,
    budgetMinutes: Math.round(read.input.budget),
    pace: b.pace,
    already: read.already,
    villages,
    totals: {
      houses: villages.reduce((n, v) => n + v.houses, 0),
      tasks: villages.reduce((n, v) => n + v.tasks.length, 0),
      assigned: villages.reduce((n, v) => n + v.tasks.filter((x) => x.assignee).length, 0),
      unassignedStops: villages.reduce((n, v) => n + v.unassignedStops, 0),
      overCapacityVillages: villages.filter((v) => v.overCapacity).length,
    },
  };
}

function villageNames(db: Db, codes: readonly string[]): Map<string, string> {
  const rows = prepared(db, 'SELECT code, name FROM regions WHERE code IN (SELECT value FROM json_each(?))').all(JSON.stringify(codes)) as { code: string; name: string }[];
  return new Map(rows.map((r) => [r.code, r.name]));
}

import { defaultDispatchRules, type AlertLevel, type AlertType, type DispatchRule } from '../domain/dispatch-rules.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

interface RuleRow {
  alert_type: AlertType;
  level: AlertLevel;
  grades: string;
  structures: string;
  key_houses: number;
  key_structures: string;
  due_hours: number;
}

const toRule = (r: RuleRow): DispatchRule => ({
  alertType: r.alert_type,
  level: r.level,
  grades: JSON.parse(r.grades),
  structures: JSON.parse(r.structures),
  keyHouses: r.key_houses === 1,
  keyStructures: JSON.parse(r.key_structures),
  dueHours: r.due_hours,
});

export function upsertDispatchRule(db: Db, rule: DispatchRule, now: Date): void {
  prepared(
    db,
    `INSERT INTO dispatch_rules (alert_type, level, grades, structures, key_houses, key_structures, due_hours, updated_at)
     VALUES (@alertType, @level, @grades, @structures, @keyHouses, @keyStructures, @dueHours, @updatedAt)
     ON CONFLICT (alert_type, level) DO UPDATE SET grades = excluded.grades, structures = excluded.structures,
       key_houses = excluded.key_houses, key_structures = excluded.key_structures, due_hours = excluded.due_hours,
       updated_at = excluded.updated_at`,
  ).run({
    ...rule,
    grades: JSON.stringify(rule.grades),
    structures: JSON.stringify(rule.structures),
    keyHouses: rule.keyHouses ? 1 : 0,
    keyStructures: JSON.stringify(rule.keyStructures),
    updatedAt: now.toISOString(),
  });
}

/**
 * The rules table, filled with the documented defaults the first time it is read — and, for a type
 * added later (gale, earthquake, other in issue 9), the first time it is read after that. A rule the
 * county changed is never overwritten.
 */
export function listDispatchRules(db: Db, now = new Date()): DispatchRule[] {
  let rows = prepared(db, 'SELECT * FROM dispatch_rules ORDER BY alert_type, level').all() as RuleRow[];
  const have = new Set(rows.map((r) => `${r.alert_type}:${r.level}`));
  const missing = defaultDispatchRules().filter((r) => !have.has(`${r.alertType}:${r.level}`));
  if (missing.length > 0) {
    db.transaction(() => missing.forEach((r) => upsertDispatchRule(db, r, now)))();
    rows = prepared(db, 'SELECT * FROM dispatch_rules ORDER BY alert_type, level').all() as RuleRow[];
  }
  return rows.map(toRule);
}

export function findDispatchRule(db: Db, alertType: string, level: string): DispatchRule | null {
  return listDispatchRules(db).find((r) => r.alertType === alertType && r.level === level) ?? null;
}

// What an edited dispatch rule would do before it is saved: for each active alert of its type and level
// that the caller sees, how many houses it would select — through the same exposure (zone × jurisdiction)
// and the same selectsHouse as a real dispatch (routes/alert-dispatch.ts) — next to the rule in force.
import { selectsHouse, type AlertLevel, type AlertType, type DispatchRule } from '../domain/dispatch-rules.ts';
import { exposureOf } from './alert-exposure.ts';
import { listAlerts } from './alerts.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';

type Clauses = Omit<DispatchRule, 'alertType' | 'level' | 'dueHours'>;

export interface RulePreviewAlert {
  id: number;
  headline: string;
  ownerRegion: string;
  expiresAt: string;
  /** Current houses in the zone and the caller's jurisdiction. */
  exposed: number;
  /** Of them, selected by the edited rule. */
  selected: number;
  /** Of them, selected by the rule in force (null when there is none). */
  selectedNow: number | null;
}

const PAGE = 500;

export function previewRule(
  db: Db,
  q: { alertType: AlertType; level: AlertLevel; rule: Clauses; current: Clauses | null },
  scope: RegionRef,
  now: Date,
): RulePreviewAlert[] {
  const out: RulePreviewAlert[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { alerts } = listAlerts(db, { scope, status: 'active', types: [q.alertType], limit: PAGE, offset }, now);
    for (const a of alerts) {
      if (a.level !== q.level) continue;
      const { households } = exposureOf(db, a, scope, Number.MAX_SAFE_INTEGER);
      let selected = 0;
      let selectedNow = 0;
      for (const h of households) {
        if (selectsHouse(q.rule, h)) selected++;
        if (q.current && selectsHouse(q.current, h)) selectedNow++;
      }
      out.push({
        id: a.id,
        headline: a.headline,
        ownerRegion: a.ownerRegion,
        expiresAt: a.expiresAt,
        exposed: households.length,
        selected,
        selectedNow: q.current ? selectedNow : null,
      });
    }
    if (alerts.length < PAGE) return out;
  }
}

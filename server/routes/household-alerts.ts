import { Hono } from 'hono';
import { householdRisks } from '../db/alert-exposure.ts';
import { activeAlertsAround } from '../db/alerts.ts';
import { listHouseSites } from '../db/households.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { idParam, validate } from '../http/validate.ts';
import { alertFeature } from './alerts.ts';

/** GET /api/households/:id/alerts — the active alerts whose zone holds this household's house, riskiest first. */
export const householdAlerts = new Hono<Env>().get('/:id/alerts', validate('param', idParam), (c) => {
  const { db, scope } = c.var;
  const { id } = c.req.valid('param');
  const now = new Date(c.var.now());
  const [site] = listHouseSites(db, { scope, ids: [id] });
  if (!site) throw new HttpError(404, 'household_not_found', `no household ${id}`, 'id');
  const around = activeAlertsAround(db, site.lon, site.lat, scope, now);
  const risks = householdRisks(db, id, around);
  const byId = new Map(around.map((a) => [a.id, a]));
  risks.sort((a, b) => b.risk - a.risk || a.alertId - b.alertId);
  c.header('Content-Type', 'application/geo+json; charset=UTF-8');
  return c.json({
    type: 'FeatureCollection' as const,
    householdId: id,
    features: risks.map((r) => alertFeature(byId.get(r.alertId)!, { risk: r.risk })),
  });
});

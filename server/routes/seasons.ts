import { Hono } from 'hono';
import { z } from 'zod';
import { countActiveAlerts } from '../db/alerts.ts';
import { countyCode } from '../db/regions.ts';
import { currentSeasons, localDate, seasonConfigFor } from '../domain/seasons.ts';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';

const seasonQuery = z
  .object({ date: z.iso.date({ message: 'must be a date like 2024-07-10' }).optional() })
  .strict();

/** GET /api/seasons — which seasons (汛期, 冻融 …) the county is in today (or on ?date=), and how many alerts are active. */
export const seasons = new Hono<Env>().get('/', validate('query', seasonQuery), (c) => {
  const { db, scope } = c.var;
  const now = new Date(c.var.now());
  const { date } = c.req.valid('query');
  const county = countyCode(db);
  const config = seasonConfigFor(county ?? '');
  // A date means noon of that day in China time: the same calendar day whatever the server's zone.
  const at = date ? new Date(Date.parse(`${date}T12:00:00Z`) - config.utcOffsetMinutes * 60_000) : now;
  const [y, m, d] = localDate(at, config.utcOffsetMinutes);
  return c.json({
    date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    countyCode: county,
    seasons: currentSeasons(at, config),
    windows: config.windows,
    activeAlerts: countActiveAlerts(db, scope, now),
  });
});

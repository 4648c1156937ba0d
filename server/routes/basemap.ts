import { Hono } from 'hono';
import { z } from 'zod';
import { basemapLayer } from '../db/basemap.ts';
import { BASEMAP_LAYERS } from '../domain/basemap-layers.ts';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';

const layerParam = z.object({ layer: z.enum(BASEMAP_LAYERS) });

export const basemap = new Hono<Env>().get('/:layer', validate('param', layerParam), (c) => {
  // Geography changes only when the county is re-seeded; let the browser keep it a while.
  c.header('Cache-Control', 'private, max-age=300');
  c.header('Content-Type', 'application/geo+json; charset=UTF-8');
  return c.json(basemapLayer(c.var.db, c.req.valid('param').layer));
});

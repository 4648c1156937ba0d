import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { z } from 'zod';
import { basemapLayer } from '../db/basemap.ts';
import { BASEMAP_LAYERS } from '../domain/basemap-layers.ts';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';

const layerParam = z.object({ layer: z.enum(BASEMAP_LAYERS) });

export const basemap = new Hono<Env>().get('/:layer', etag(), validate('param', layerParam), (c) => {
  // Boundaries change when a county imports its surveyed ones (imports/boundaries.ts), and the map
  // must show them at once: the browser asks every time, and an unchanged layer costs a 304.
  c.header('Cache-Control', 'private, no-cache');
  c.header('Content-Type', 'application/geo+json; charset=UTF-8');
  return c.json(basemapLayer(c.var.db, c.req.valid('param').layer));
});

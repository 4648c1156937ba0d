import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { getPhoto, photoPath, storePhoto } from '../db/photos.ts';
import { prepared } from '../db/statements.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const shaParam = z.object({ sha: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256') });

/**
 * A photo is visible to whoever uploaded it and to anyone who can see a patrol stop it belongs to
 * (photos of poor families' homes are personal data too).
 */
function canSee(c: { var: Env['Variables'] }, sha: string): boolean {
  const { db, user, scope } = c.var;
  const clause =
    scope.level === 'county' ? '1 = 1' : scope.level === 'township' ? 'v.parent_code = @scope' : 't.village_code = @scope';
  return (
    prepared(
      db,
      `SELECT 1 FROM photos p WHERE p.sha256 = @sha AND (p.uploaded_by = @user OR EXISTS (
         SELECT 1 FROM stop_photos sp JOIN patrol_stops s ON s.id = sp.stop_id JOIN patrol_tasks t ON t.id = s.task_id
           JOIN regions v ON v.code = t.village_code WHERE sp.sha256 = p.sha256 AND ${clause}))`,
    ).get({ sha, user: user.id, scope: scope.code }) !== undefined
  );
}

function send(c: any, sha: string, variant: 'original' | 'thumb') {
  if (!canSee(c, sha)) throw new HttpError(404, 'photo_not_found', `no photo ${sha}`, 'sha');
  const photo = getPhoto(c.var.db, sha)!;
  const body = readFileSync(photoPath(c.var.photosDir, sha, variant, photo.mime));
  return c.body(body, 200, {
    'Content-Type': variant === 'thumb' ? 'image/webp' : photo.mime,
    'Cache-Control': 'private, max-age=86400, immutable',
  });
}

export const photos = new Hono<Env>()
  .post('/', async (c) => {
    const form = await c.req.parseBody().catch(() => {
      throw new HttpError(400, 'invalid_input', 'expected multipart/form-data with a "photo" file', 'photo');
    });
    const file = form.photo;
    if (!(file instanceof File)) throw new HttpError(400, 'invalid_input', 'expected a "photo" file field', 'photo');
    const data = Buffer.from(await file.arrayBuffer());
    const photo = await storePhoto(c.var.db, c.var.photosDir, data, 'photo', new Date(c.var.now()));
    c.var.db.prepare('UPDATE photos SET uploaded_by = coalesce(uploaded_by, ?) WHERE sha256 = ?').run(c.var.user.id, photo.sha256);
    return c.json({ photo }, 201);
  })
  .get('/:sha', validate('param', shaParam), (c) => send(c, c.req.valid('param').sha, 'original'))
  .get('/:sha/thumb', validate('param', shaParam), (c) => send(c, c.req.valid('param').sha, 'thumb'));

import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { seesOnlyOwnTasks } from '../domain/roles.ts';
import { canSeePhoto, getPhoto, photoPath, recordUpload, storePhoto } from '../db/photos.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const shaParam = z.object({ sha: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256') });

/** Its uploaders, and whoever can see a stop it is attached to (db/photos.ts canSeePhoto). */
function canSee(c: { var: Env['Variables'] }, sha: string): boolean {
  const { db, user, scope } = c.var;
  return canSeePhoto(db, sha, { userId: user.id, scope, ownTasksOf: seesOnlyOwnTasks(user.role) ? user.id : undefined });
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
    const now = new Date(c.var.now());
    const photo = await storePhoto(c.var.db, c.var.photosDir, data, 'photo', now);
    recordUpload(c.var.db, photo.sha256, c.var.user.id, now);
    return c.json({ photo }, 201);
  })
  .get('/:sha', validate('param', shaParam), (c) => send(c, c.req.valid('param').sha, 'original'))
  .get('/:sha/thumb', validate('param', shaParam), (c) => send(c, c.req.valid('param').sha, 'thumb'));

import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { HttpError } from './errors.ts';

/** The 400 for input a schema refused, naming the first bad field. */
function invalidInput(target: keyof ValidationTargets, error: { issues: z.core.$ZodIssue[] } | undefined): HttpError {
  const issue = error?.issues[0];
  // An unknown parameter is named by itself, not by the object that holds it.
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : (issue?.path ?? []);
  // A query or path parameter is named as the caller wrote it (grade, not grade.0); body fields keep their path.
  const named = target === 'query' || target === 'param' ? path.slice(0, 1) : path;
  const field = named.length > 0 ? named.map(String).join('.') : target;
  return new HttpError(400, 'invalid_input', issue ? `${field}: ${issue.message}` : `invalid ${target}`, field);
}

/**
 * zod validation for any request part; a failure throws HttpError(400) naming the first bad field,
 * so every route reports bad input the same way.
 */
export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw invalidInput(target, result.error);
  });
}

/** The same check inside a handler, for a schema chosen by the request (an export's list decides its query). */
export function parseInput<S extends z.ZodType>(target: keyof ValidationTargets, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(target, result.error);
  return result.data;
}

/** A comma-separated list of allowed values in a query string: `grade=C,D`. */
export function csvEnum<const V extends readonly [string, ...string[]]>(values: V) {
  return z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v.length > 0))
    .pipe(z.array(z.enum(values)).min(1, `expected one or more of ${values.join(', ')}`).max(values.length * 2));
}

export const booleanParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const idParam = z.object({
  id: z.string().regex(/^[1-9]\d{0,15}$/, 'must be a positive integer').transform(Number),
});

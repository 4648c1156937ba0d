import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one way a handler reports a client error; `app.onError` turns it into JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Extra response headers, such as `Retry-After` on a 429. */
    readonly headers?: Record<string, string>,
    /** What the caller may do instead, on a refused state move (409): `allowed` next actions. */
    readonly allowed?: readonly string[],
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; allowed?: readonly string[] };
}

export function errorBody(code: string, message: string, field?: string, allowed?: readonly string[]): ErrorBody {
  return { error: { code, message, ...(field === undefined ? {} : { field }), ...(allowed === undefined ? {} : { allowed }) } };
}

/** Every error leaves as `{ error: { code, message, field } }`; never a stack trace. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof HttpError) return c.json(errorBody(err.code, err.message, err.field, err.allowed), err.status, err.headers);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : status === 400 ? 'bad_request' : 'http_error';
    return c.json(errorBody(code, err.message || 'Bad request'), status);
  }
  console.error('[anju] unhandled error', err);
  return c.json(errorBody('internal', 'Internal server error'), 500);
}

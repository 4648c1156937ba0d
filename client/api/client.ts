// The typed API client: hc<AppType> reads every path, query and response type from the server's
// route chain, so the client keeps no hand-written copy of them.
import { hc, type ClientResponse } from 'hono/client';
import type { AppType } from '../../server/app.ts';

/** An API error as the server reports it: `{ error: { code, message, field } }` with a 4xx status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The error's other facts: an illegal ledger transition lists what is `allowed` instead. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token (from sign-in or /auth/me), sent with every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export const api = hc<AppType>(typeof location === 'undefined' ? 'http://127.0.0.1' : location.origin, {
  headers: (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  init: { credentials: 'same-origin' },
});

/** The JSON body of a successful response, or an ApiError carrying the server's error code. */
export async function unwrap<T>(res: ClientResponse<T>): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  let code = 'http_error';
  let message = `${res.status} ${res.statusText}`;
  let field: string | undefined;
  let details: Record<string, unknown> = {};
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; field?: string; [fact: string]: unknown } };
    if (body.error) {
      const { code: c, message: m, field: f, ...rest } = body.error;
      code = c ?? code;
      message = m ?? message;
      field = f;
      details = rest;
    }
  } catch {
    // not JSON: keep the status line
  }
  throw new ApiError(res.status, code, message, field, details);
}

export const isUnauthenticated = (err: unknown): boolean => err instanceof ApiError && err.status === 401;

// PDFs of the print pages (/print/briefing …), rendered by the server's headless Chromium
// (browser.ts) signed in as the user who asked: the page fetches the API with that user's session, so
// it shows exactly what they may see. One render at a time — Chromium takes a core and a few hundred
// MB, and the machine has few of either — with a short queue behind it: when that is full the caller
// is told to come back (429 `busy` with Retry-After, like the worker pool). A render past its time is
// stopped (504), one whose caller hung up is dropped from the queue or stopped (499), and either way
// the browser is thrown away and launched afresh for the next one.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError } from '../http/errors.ts';
import { createBrowserHost, type BrowserHost } from './browser.ts';

export interface RenderLimits {
  /** Renders that may wait while one runs; one more is refused 429. */
  maxWaiting: number;
  /** The most one render may take, from its turn to the last byte of PDF. */
  timeoutMs: number;
  /** The browser closes after this long without a render. */
  idleMs: number;
  /** A fresh browser after this many renders. */
  rendersPerBrowser: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = { maxWaiting: 3, timeoutMs: 60_000, idleMs: 5 * 60_000, rendersPerBrowser: 50 };

/** The session a render signs in with: opened when its turn comes, ended right after. */
export interface RenderSession {
  /** The session cookie's value. */
  token: string;
  end(): void;
}

export interface PdfJob {
  /** The print page: path and query, e.g. `/print/briefing?region=610999001000&date=2026-10-31`. */
  path: string;
  /** Opens a short-lived session for the requesting user (never logged, ended after the render). */
  signIn(): RenderSession;
  /** The request's signal: aborting drops the job from the queue or stops it. */
  signal?: AbortSignal;
}

export interface RenderStats {
  running: boolean;
  waiting: number;
  /** Renders that got their turn (signed in and opened the print page), however they ended. */
  started: number;
  /** Browsers launched so far (the first, and one after each crash, timeout, hang-up or recycling). */
  launches: number;
  browserUp: boolean;
}

export interface PdfRenderer {
  readonly limits: RenderLimits;
  /** The page as a PDF; rejects 429 `busy`, 499 `cancelled`, 502 `render_failed`, 503 `render_unavailable`, 504 `render_timeout`. */
  render(job: PdfJob): Promise<Uint8Array>;
  stats(): RenderStats;
  close(): Promise<void>;
}

/** The session cookie's name (server/auth/middleware.ts), passed in so this module needs no Hono. */
export interface RendererOptions extends Partial<RenderLimits> {
  origin: () => string | null;
  cookieName: string;
}

/** What the print page says when it has everything on paper, or why it cannot (client/features/print-reports). */
const READY = 'printReady';
const FAILED = 'printError';

export function createPdfRenderer(opts: RendererOptions): PdfRenderer {
  const limits: RenderLimits = { ...DEFAULT_RENDER_LIMITS, ...definedOnly(opts) };
  const host: BrowserHost = createBrowserHost({ origin: opts.origin, idleMs: limits.idleMs, rendersPerBrowser: limits.rendersPerBrowser });
  let running = false;
  const waiting: { go: () => void; fail: (err: Error) => void }[] = [];
  // How long recent renders took: what a caller turned away would wait per render ahead of it.
  let recentMs = 5_000;
  let closed = false;
  let started = 0;

  async function turn(signal: AbortSignal | undefined): Promise<void> {
    if (!running) {
      running = true;
      return;
    }
    if (waiting.length >= limits.maxWaiting) {
      const retryAfterS = Math.min(120, Math.max(1, Math.ceil((recentMs * (waiting.length + 1)) / 1000)));
      throw new HttpError(429, 'busy', `the PDF renderer is busy with ${waiting.length + 1} report(s); retry in ${retryAfterS} s`, undefined, {
        'Retry-After': String(retryAfterS),
      });
    }
    // The renderer is handed over by the render that leaves it, `running` unchanged.
    await new Promise<void>((resolve, reject) => {
      const mine = {
        go: () => {
          signal?.removeEventListener('abort', leave);
          resolve();
        },
        fail: reject,
      };
      const leave = () => {
        waiting.splice(waiting.indexOf(mine), 1);
        reject(cancelled());
      };
      signal?.addEventListener('abort', leave, { once: true });
      waiting.push(mine);
    });
  }

  function leaveTurn(): void {
    const next = waiting.shift();
    if (next) next.go();
    else running = false;
  }

  async function renderOnSeat(job: PdfJob, stop: AbortSignal): Promise<Uint8Array> {
    let seat;
    try {
      seat = await host.seat();
    } catch (err) {
      console.error('[anju] the PDF renderer could not start Chromium:', err instanceof Error ? err.message : err);
      throw new HttpError(503, 'render_unavailable', 'the PDF renderer could not start its browser');
    }
    const { context, page, origin } = seat;
    const session = job.signIn();
    try {
      // Host-only for the server's own address, and gone when the render ends.
      await context.addCookies([{ name: opts.cookieName, value: session.token, url: origin, httpOnly: true, sameSite: 'Strict' }]);
      stop.throwIfAborted();
      await page.goto(origin + job.path, { waitUntil: 'domcontentloaded' });
      const handle = await page.waitForFunction(
        ([ready, failed]) => document.body?.dataset[ready] === 'true' || document.body?.dataset[failed] || false,
        [READY, FAILED] as const,
        { timeout: 0, polling: 100 },
      );
      const outcome = await handle.jsonValue();
      if (outcome !== true) throw new HttpError(502, 'render_failed', `the print page could not be drawn: ${String(outcome).slice(0, 200)}`);
      stop.throwIfAborted();
      // Page size, margins, running headers and page numbers come from the page's own @page rules
      // (print-reports/page-setup.ts), which — unlike headerTemplate — can use the bundled font.
      return await page.pdf({ printBackground: true, preferCSSPageSize: true });
    } finally {
      session.end();
      await context.clearCookies().catch(() => {});
      if (!stop.aborted) await page.goto('about:blank').catch(() => {});
    }
  }

  async function render(job: PdfJob): Promise<Uint8Array> {
    if (closed) throw new HttpError(503, 'render_unavailable', 'the PDF renderer is shut down');
    if (job.signal?.aborted) throw cancelled();
    await turn(job.signal);
    started++;
    const startedAt = performance.now();
    // One signal for "stop now": the caller hung up, or the render ran out of time.
    const stop = new AbortController();
    const onHangUp = () => stop.abort(cancelled());
    job.signal?.addEventListener('abort', onHangUp, { once: true });
    const timer = setTimeout(
      () => stop.abort(new HttpError(504, 'render_timeout', `the PDF took longer than ${Math.round(limits.timeoutMs / 1000)} s`)),
      limits.timeoutMs,
    );
    try {
      const stopped = new Promise<never>((_, reject) => {
        stop.signal.addEventListener('abort', () => reject(stop.signal.reason as Error), { once: true });
      });
      stopped.catch(() => {});
      const pdf = await Promise.race([renderOnSeat(job, stop.signal), stopped]);
      recentMs = 0.7 * recentMs + 0.3 * (performance.now() - startedAt);
      return pdf;
    } catch (err) {
      // Whatever the page was doing is abandoned with the browser; the next render gets a fresh one.
      if (stop.signal.aborted || !(err instanceof HttpError)) await host.discard();
      if (stop.signal.aborted) throw stop.signal.reason as Error;
      if (err instanceof HttpError) throw err;
      console.error('[anju] a PDF render failed:', err instanceof Error ? err.message.split('\n')[0] : err);
      throw new HttpError(502, 'render_failed', 'the PDF could not be rendered');
    } finally {
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onHangUp);
      host.idle();
      leaveTurn();
    }
  }

  return {
    limits,
    render,
    stats: () => {
      const browser = host.stats();
      return { running, waiting: waiting.length, started, launches: browser.launches, browserUp: browser.running };
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w.fail(new HttpError(503, 'render_unavailable', 'the PDF renderer is shut down'));
      await host.close();
    },
  };
}

function definedOnly(o: Partial<RenderLimits>): Partial<RenderLimits> {
  const out: Partial<RenderLimits> = {};
  for (const k of ['maxWaiting', 'timeoutMs', 'idleMs', 'rendersPerBrowser'] as const) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** nginx's 499 "client closed request", as the worker pool answers a hang-up. */
function cancelled(): HttpError {
  return new HttpError(499 as ContentfulStatusCode, 'cancelled', 'the request was abandoned before its PDF was rendered');
}

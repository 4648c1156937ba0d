// The server's one headless Chromium (the @sparticuz/chromium build the browser tests use, driven by
// playwright-core): launched on first use, kept warm between renders, launched again when it died or
// was thrown away, closed when idle. It is single-process (--single-process in chromium.args), and
// that Chromium goes down when a context is closed and another opened after it
// (tests/e2e/harness.ts), so a browser has exactly one context and one page for its whole life;
// renders take turns on it (pdf-renderer.ts), each one leaving no cookie behind.
import chromium from '@sparticuz/chromium';
import { chromium as pw, type Browser, type BrowserContext, type Page } from 'playwright-core';

export interface Seat {
  context: BrowserContext;
  page: Page;
  /** The origin the page may load from (the server itself); every other request is aborted. */
  origin: string;
}

export interface BrowserHost {
  /** The page of a running browser, launched if there is none. */
  seat(): Promise<Seat>;
  /** Throws the browser away (after a timeout, a hang-up or a crash): the next seat() launches a fresh one. */
  discard(): Promise<void>;
  /** Called after every render: the browser closes once no render came for `idleMs`. */
  idle(): void;
  stats(): { running: boolean; launches: number };
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** The server's own origin (http://127.0.0.1:PORT), known once it listens. */
  origin: () => string | null;
  /** Close the browser after this long without a render: its ~200 MB come back. */
  idleMs: number;
  /** Launch a fresh browser after this many renders, so whatever one page leaks stays bounded. */
  rendersPerBrowser: number;
}

export function createBrowserHost(opts: BrowserOptions): BrowserHost {
  let current: Promise<{ browser: Browser; seat: Seat }> | null = null;
  let launches = 0;
  let renders = 0;
  let idleTimer: NodeJS.Timeout | null = null;

  async function launch(origin: string): Promise<{ browser: Browser; seat: Seat }> {
    launches++;
    renders = 0;
    const browser = await pw.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
    // Print pages are in Chinese whatever the server's locale; no service worker, no offline cache.
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    // The page loads from the server and nowhere else (chromium.args disable web security).
    await context.route('**/*', (route) => {
      const url = route.request().url();
      const ok = url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank';
      return ok ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    return { browser, seat: { context, page, origin } };
  }

  /** Launches a browser as the current one; a launch that fails or a browser that dies is forgotten at once. */
  function start(origin: string): void {
    const launching = launch(origin);
    current = launching;
    const forget = () => {
      if (current === launching) current = null;
    };
    launching.then(({ browser }) => browser.on('disconnected', forget), forget);
  }

  async function discard(): Promise<void> {
    const was = current;
    current = null;
    if (was) await was.then((b) => b.browser.close()).catch(() => {});
  }

  return {
    async seat() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      const origin = opts.origin();
      if (!origin) throw new Error('the server does not know its own address yet');
      if (current && renders >= opts.rendersPerBrowser) await discard();
      if (!current) start(origin);
      renders++;
      return (await current!).seat;
    },
    discard,
    idle() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(() => void discard(), opts.idleMs);
      idleTimer.unref();
    },
    stats: () => ({ running: current !== null, launches }),
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      await discard();
    },
  };
}

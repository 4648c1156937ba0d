// Helpers for the API tests that go over real HTTP and wait on the server's state.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Waits for a state (an ordering point), not for a span of time. */
export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Serves an app on a free port of 127.0.0.1. */
export function httpServer(app: { fetch: (req: Request) => Response | Promise<Response> }) {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as Server).closeAllConnections(); // fetch keeps its sockets alive for seconds
          }),
      });
    });
  });
}

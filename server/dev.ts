// `npm run dev`: the API on PORT and Vite with hot reload in front of it (proxying /api).
import { createServer } from 'vite';
import { loadConfig } from './config.ts';
import { startServer } from './main.ts';

const config = loadConfig();
const { ensureSeeded } = await import('../data/ensure-seeded.ts');
await ensureSeeded(config.dbPath);
const api = await startServer({ ...config, clientDist: '/nonexistent' });
const vite = await createServer({ server: { host: config.host } });
await vite.listen();
console.log(`[anju] API ${api.url}/api`);
vite.printUrls();

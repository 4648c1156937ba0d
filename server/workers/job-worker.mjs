// Piscina's task module: plain JavaScript, since a worker thread does not inherit tsx's loader (not
// under vitest, not under every Node), so it loads the TypeScript job table through tsx itself.
import { tsImport } from 'tsx/esm/api';

const { runJob } = await tsImport('./jobs.ts', import.meta.url);

export default runJob;

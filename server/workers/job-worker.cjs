// Piscina's task module: plain JavaScript, since a worker thread does not inherit tsx's loader (not
// under vitest, not under every Node), so it loads the TypeScript job table through tsx itself.
//
// CommonJS on purpose. Piscina loads a task module with require() first; on Node 20, require() of an
// ES module with top-level await can abort the whole process (V8 fatal "IsGraphAsync must be used on
// an instantiated module") when the thread is terminated while the module loads — and a client hanging
// up terminates a thread. A CommonJS module is required plainly; the job table starts loading at once
// and the first job waits for it.
const { pathToFileURL } = require('node:url');

const jobTable = import('tsx/esm/api').then(({ tsImport }) => tsImport('./jobs.ts', pathToFileURL(__filename).href));
// A failed load is reported by the job that waits for it, not as an unhandled rejection of the thread.
jobTable.catch(() => {});

module.exports = async function runJob(task) {
  const { runJob: run } = await jobTable;
  return run(task);
};

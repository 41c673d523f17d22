import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findProjectRoot } from '../../src/config/project-paths.js';

export interface ServiceProcess {
  baseUrl: string;
  adminToken: string;
  /** The service's process id (for its CPU time). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * The service as it runs in production (`node dist/src/main.js`, built by the bench npm scripts),
 * in its own process, so that a benchmark's load generator does not share an event loop with
 * the server it measures. It uses NEO4J_URI, or starts the local Neo4j when that is unset; its
 * log goes to our stderr.
 */
export async function startServiceProcess(
  env: Record<string, string | undefined>,
): Promise<ServiceProcess> {
  const root = findProjectRoot();
  const main = join(root, 'dist', 'src', 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run "npm run build" first (the bench:* scripts do).`);
  const port = await findFreePort();
  const adminToken = 'bench-admin-token-0123456789';
  const child: ChildProcess = spawn(process.execPath, [...nodeArguments(env), main], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      RECOGRAPH_ADMIN_TOKEN: adminToken,
      DEMO: '0',
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the service exited during start-up with code ${child.exitCode}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('the service did not become ready within 3 minutes');
    }
    await sleep(250);
  }
  return {
    baseUrl,
    adminToken,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      // The service drains (up to 10 s), stops its work and then the local Neo4j it started (up
      // to 25 s). Killed sooner, it could leave that Neo4j running for the next benchmark's
      // service to find.
      await Promise.race([exited, sleep(60_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** BENCH_SERVICE_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to profile the service. */
function nodeArguments(env: Record<string, string | undefined>): string[] {
  return (env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter((argument) => argument !== '');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

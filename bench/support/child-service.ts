import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { findProjectRoot } from '../../src/config/project-paths.js';
import { sleep } from './recograph-api.js';

export interface ChildService {
  baseUrl: string;
  adminToken: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The service as it runs in production (src/main.ts, its own process), so that a benchmark's
 * load generator does not share an event loop with the server it measures. It uses NEO4J_URI, or
 * starts the local Neo4j when that is unset. Its log goes to our stderr.
 */
export async function spawnService(
  options: { logLevel?: string; readyTimeoutMs?: number } = {},
): Promise<ChildService> {
  const port = await findFreePort();
  const adminToken = `adm_${randomBytes(24).toString('base64url')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: findProjectRoot(),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      RECOGRAPH_ADMIN_TOKEN: adminToken,
      DEMO: '0',
      LOG_LEVEL: options.logLevel ?? 'warn',
    },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the service exited during start-up with code ${child.exitCode}`);
    if (await isReady(baseUrl)) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the service was not ready within ${options.readyTimeoutMs ?? 180_000} ms`);
    }
    await sleep(500);
  }
  return {
    baseUrl,
    adminToken,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function isReady(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '../../logging/logger.js';
import { findJava } from './java-tools.js';
import { renderNeo4jConf } from './neo4j-conf.js';
import { NEO4J_VERSION, resolveNeo4jJars } from './resolve-neo4j-jars.js';
import { isProcessAlive, stopProcess } from './processes.js';

export interface LocalNeo4jSettings {
  boltPort: number;
  httpPort: number;
  heap: string;
  /** server.memory.pagecache.size, e.g. '4g'. */
  pageCache: string;
  /** Appended to Recograph's JVM options (a later option wins, e.g. another -XX:MaxGCPauseMillis). */
  jvmOptions?: string[];
  /** Holds `neo4j/` (data, logs, conf, pid file). */
  dataDir: string;
  /** Holds the resolved jars, shared by every checkout on the machine. */
  cacheDir: string;
  javaHome: string | undefined;
  startTimeoutMs?: number;
}

export interface LocalNeo4j {
  uri: string;
  browserUrl: string;
  /** False when an instance started by another process (e.g. `npm run neo4j`) was reused. */
  owned: boolean;
  logFile: string;
  stop(): Promise<void>;
}

interface PidRecord {
  javaPid: number;
  ownerPid: number;
  boltPort: number;
  httpPort: number;
}

/**
 * Provisions and starts a real Neo4j Community server process (CommunityEntryPoint from the Maven
 * Central jars). Reuses one that a live process of ours already runs on the same data directory,
 * and stops an orphan left by a process that died without cleaning up.
 */
export async function startLocalNeo4j(
  settings: LocalNeo4jSettings,
  logger: Logger,
): Promise<LocalNeo4j> {
  const home = join(settings.dataDir, 'neo4j');
  const pidFile = join(home, 'run', 'recograph-neo4j.json');
  const logFile = join(home, 'logs', 'console.log');
  const logFiles = { console: logFile, server: join(home, 'logs', 'neo4j.log') };
  const uri = `bolt://127.0.0.1:${settings.boltPort}`;
  const browserUrl = `http://127.0.0.1:${settings.httpPort}/browser/`;

  const previous = readPidRecord(pidFile);
  if (previous && isProcessAlive(previous.javaPid)) {
    if (isProcessAlive(previous.ownerPid) && previous.boltPort === settings.boltPort) {
      logger.info(
        { uri, pid: previous.javaPid },
        'reusing the local Neo4j another Recograph process started',
      );
      await waitForBolt(
        settings.boltPort,
        settings.startTimeoutMs ?? 180_000,
        () =>
          isProcessAlive(previous.javaPid)
            ? undefined
            : `that process ${previous.ownerPid} started (pid ${previous.javaPid}) stopped`,
        logFiles,
      );
      return { uri, browserUrl, owned: false, logFile, stop: async () => {} };
    }
    logger.warn({ pid: previous.javaPid }, 'stopping a local Neo4j orphaned by an earlier run');
    await stopProcess(previous.javaPid, 20_000);
  }
  rmSync(pidFile, { force: true });
  if (await isPortOpen(settings.boltPort)) {
    throw new Error(
      `Port ${settings.boltPort} is already in use by another program, so the local Neo4j cannot start. Stop it, choose another port with NEO4J_LOCAL_BOLT_PORT, or use that database with NEO4J_URI=bolt://127.0.0.1:${settings.boltPort}.`,
    );
  }

  const java = findJava(settings.javaHome);
  const lib = await resolveNeo4jJars(settings.cacheDir, logger);
  for (const dir of ['conf', 'data', 'logs', 'run', 'import', 'plugins'])
    mkdirSync(join(home, dir), { recursive: true });
  writeFileSync(
    join(home, 'conf', 'neo4j.conf'),
    renderNeo4jConf({
      home,
      boltPort: settings.boltPort,
      httpPort: settings.httpPort,
      pageCache: settings.pageCache,
    }),
  );

  logger.info(
    { version: NEO4J_VERSION, bolt: uri, browser: browserUrl, log: logFile },
    'starting the local Neo4j',
  );
  const out = openSync(logFile, 'a');
  // Its own process group: a terminal's Ctrl+C reaches only us, so requests drain before Neo4j stops.
  const child = spawn(
    java.command,
    [
      ...jvmArguments(settings.heap, join(home, 'logs')),
      ...(settings.jvmOptions ?? []),
      '-cp',
      `${lib}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${home}`,
      `--config-dir=${join(home, 'conf')}`,
    ],
    {
      stdio: ['ignore', out, out],
      cwd: home,
      detached: true,
    },
  );
  closeSync(out);
  const exited = trackExit(child);
  if (child.pid === undefined) throw new Error(`Could not start ${java.command}; see ${logFile}.`);
  writeFileSync(
    pidFile,
    JSON.stringify({
      javaPid: child.pid,
      ownerPid: process.pid,
      boltPort: settings.boltPort,
      httpPort: settings.httpPort,
    } satisfies PidRecord),
  );

  const started = Date.now();
  try {
    await waitForBolt(
      settings.boltPort,
      settings.startTimeoutMs ?? 180_000,
      () => (exited.code === undefined ? undefined : describeExit(exited)),
      logFiles,
    );
  } catch (error) {
    await stopProcess(child.pid!, 5_000);
    rmSync(pidFile, { force: true });
    throw error;
  }
  logger.info({ ms: Date.now() - started, bolt: uri, browser: browserUrl }, 'local Neo4j is up');

  let stopping: Promise<void> | undefined;
  return {
    uri,
    browserUrl,
    owned: true,
    logFile,
    stop() {
      stopping ??= (async () => {
        if (exited.code === undefined) {
          logger.info('stopping the local Neo4j');
          await stopProcess(child.pid!, 25_000);
        }
        rmSync(pidFile, { force: true });
      })();
      return stopping;
    },
  };
}

function jvmArguments(heap: string, logs: string): string[] {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    // G1's default 200 ms goal let young pauses reach 100-145 ms under bench:recommend (the heap is
    // mostly eden, and surviving query garbage is copied each time); 20 ms keeps them under 50 ms.
    '-XX:MaxGCPauseMillis=20',
    // Fault the whole heap in at start-up (as Neo4j's own neo4j.conf does). Without it, each young
    // collection that first reaches untouched heap pays the kernel's page faults inside the pause:
    // 100-110 ms pauses under bench:recommend, 0.14 s of their 0.15 s CPU in the kernel (gc.log).
    '-XX:+AlwaysPreTouch',
    // Garbage collections and safepoints (every stop-the-world pause, with its length) go to
    // logs/gc.log, rotated at 20 MB x 5: the first place to look when queries stall.
    `-Xlog:gc*,safepoint:file=${logs}/gc.log:time,uptime,level,tags:filecount=5,filesize=20m`,
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--enable-native-access=ALL-UNNAMED',
  ];
}

interface ExitState {
  /** undefined while the process runs; null when a signal ended it. */
  code: number | null | undefined;
  signal: NodeJS.Signals | null;
}

function trackExit(child: ChildProcess): ExitState {
  const state: ExitState = { code: undefined, signal: null };
  child.on('exit', (code, signal) => {
    state.code = code;
    state.signal = signal;
  });
  return state;
}

/** How the process ended, for an error message. */
function describeExit(exit: ExitState): string {
  if (exit.signal) return `was ended by ${exit.signal}`;
  return exit.code === undefined ? 'stopped' : `exited with code ${exit.code}`;
}

function readPidRecord(file: string): PidRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

async function waitForBolt(
  port: number,
  timeoutMs: number,
  exitedAs: () => string | undefined,
  logFiles: { console: string; server: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exit = exitedAs();
    if (exit !== undefined)
      throw new Error(
        `The local Neo4j ${exit} before it opened Bolt on port ${port}. ${logTails(logFiles)}\nStart again; if it fails the same way, the lines above say why.`,
      );
    if (await isPortOpen(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `The local Neo4j did not open Bolt on port ${port} within ${Math.round(timeoutMs / 1000)} s. ${logTails(logFiles)}`,
  );
}

/**
 * The last lines of the server's own log (neo4j.log: start-up steps and errors) and of its
 * console output (what the JVM printed before logging started, e.g. a bad JVM option).
 */
function logTails(logFiles: { console: string; server: string }): string {
  return [logFiles.server, logFiles.console]
    .map((file) => `${file}:\n${tailOf(file, 15)}`)
    .join('\n');
}

/** The file's last `lines` lines with printable text (a JVM writes stray control bytes). */
export function tailOf(file: string, lines: number): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '  (no such file)';
  }
  // eslint-disable-next-line no-control-regex
  const printable = text.split('\n').filter((line) => /[^\s\x00-\x1f]/.test(line));
  if (printable.length === 0) return '  (nothing printed)';
  return printable
    .slice(-lines)
    .map((line) => `  ${line}`)
    .join('\n');
}

export function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

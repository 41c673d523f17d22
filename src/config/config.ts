import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Everything the service reads from its environment, validated once at start-up. */
export interface Config {
  port: number;
  host: string;
  neo4j: {
    /** Absent means "provision and start the local Neo4j server". */
    uri: string | undefined;
    username: string;
    password: string;
    database: string;
    queryTimeoutMs: number;
  };
  localNeo4j: {
    boltPort: number;
    httpPort: number;
    heap: string;
    /** Neo4j's own page cache (NEO4J_LOCAL_PAGECACHE): off-heap, taken as pages are first read. */
    pageCache: string;
    /** Extra JVM options (NEO4J_LOCAL_JVM_OPTIONS, split on whitespace), after Recograph's own. */
    jvmOptions: string[];
    dataDir: string;
    cacheDir: string;
  };
  adminToken: string | undefined;
  /** JAVA_HOME, read here so no other module touches process.env. */
  javaHome: string | undefined;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  redisUrl: string | undefined;
  liveMinIntervalMs: number;
  /** The least time between two similarity recomputations of one item (SIMILARITY_MIN_INTERVAL_MS). */
  similarityMinIntervalMs: number;
  /** Whether this instance runs the similarity refresher and the event pruner (API-only instances: false). */
  backgroundWork: boolean;
  /** Event-loop stalls at least this long are logged with their GC and CPU (LOOP_STALL_WARN_MS; 0: off). */
  loopStallWarnMs: number;
}

export interface ConfigProblem {
  variable: string;
  problem: string;
}

/** Thrown with every bad variable at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.variable}: ${p.problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: ConfigProblem[] = [];
  const read = createReader(env, problems);

  const dataDir = resolve(cwd, read.string('RECOGRAPH_DATA_DIR', '.recograph'));
  const config: Config = {
    port: read.integer('PORT', 8080, 0, 65535),
    host: read.string('HOST', '127.0.0.1'),
    neo4j: {
      uri: read.url('NEO4J_URI', [
        'bolt:',
        'bolt+s:',
        'bolt+ssc:',
        'neo4j:',
        'neo4j+s:',
        'neo4j+ssc:',
      ]),
      username: read.string('NEO4J_USERNAME', 'neo4j'),
      password: read.string('NEO4J_PASSWORD', ''),
      database: read.string('NEO4J_DATABASE', 'neo4j'),
      queryTimeoutMs: read.integer('NEO4J_QUERY_TIMEOUT_MS', 10_000, 100, 600_000),
    },
    localNeo4j: {
      boltPort: read.integer('NEO4J_LOCAL_BOLT_PORT', 7687, 1, 65535),
      httpPort: read.integer('NEO4J_LOCAL_HTTP_PORT', 7474, 1, 65535),
      heap: read.pattern('NEO4J_LOCAL_HEAP', '1g', /^\d+[mg]$/, 'a JVM size such as 512m or 2g'),
      pageCache: read.pattern(
        'NEO4J_LOCAL_PAGECACHE',
        '4g',
        /^\d+[mg]$/,
        'a size such as 512m or 4g',
      ),
      jvmOptions: read.string('NEO4J_LOCAL_JVM_OPTIONS', '').split(/\s+/).filter(Boolean),
      dataDir,
      cacheDir: resolve(
        cwd,
        read.string(
          'RECOGRAPH_CACHE_DIR',
          join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'recograph'),
        ),
      ),
    },
    adminToken: read.optionalString('RECOGRAPH_ADMIN_TOKEN', 16),
    javaHome: read.optionalString('JAVA_HOME', 1),
    demo: read.boolean('DEMO', true),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    liveMinIntervalMs: read.integer('LIVE_MIN_INTERVAL_MS', 300, 0, 60_000),
    similarityMinIntervalMs: read.integer('SIMILARITY_MIN_INTERVAL_MS', 10_000, 0, 3_600_000),
    backgroundWork: read.boolean('BACKGROUND_WORK', true),
    loopStallWarnMs: read.integer('LOOP_STALL_WARN_MS', 100, 0, 60_000),
  };
  if (config.neo4j.uri && !config.neo4j.password && env.NEO4J_USERNAME !== undefined) {
    problems.push({
      variable: 'NEO4J_PASSWORD',
      problem: 'is required when NEO4J_USERNAME is set',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function createReader(env: Env, problems: ConfigProblem[]) {
  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const fail = <T>(variable: string, problem: string, fallback: T): T => {
    problems.push({ variable, problem });
    return fallback;
  };
  return {
    string(name: string, fallback: string): string {
      return raw(name) ?? fallback;
    },
    optionalString(name: string, minLength: number): string | undefined {
      const value = raw(name);
      if (value !== undefined && value.length < minLength) {
        return fail(name, `must be at least ${minLength} characters long`, undefined);
      }
      return value;
    },
    integer(name: string, fallback: number, min: number, max: number): number {
      const value = raw(name);
      if (value === undefined) return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        return fail(name, `must be an integer from ${min} to ${max}, got "${value}"`, fallback);
      }
      return parsed;
    },
    boolean(name: string, fallback: boolean): boolean {
      const value = raw(name)?.toLowerCase();
      if (value === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off'].includes(value)) return false;
      return fail(name, `must be 0 or 1 (or true/false), got "${value}"`, fallback);
    },
    oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
      const value = raw(name);
      if (value === undefined) return fallback;
      if ((allowed as readonly string[]).includes(value)) return value as T;
      return fail(name, `must be one of ${allowed.join(', ')}, got "${value}"`, fallback);
    },
    pattern(name: string, fallback: string, pattern: RegExp, description: string): string {
      const value = raw(name);
      if (value === undefined) return fallback;
      return pattern.test(value)
        ? value
        : fail(name, `must be ${description}, got "${value}"`, fallback);
    },
    url(name: string, protocols: string[]): string | undefined {
      const value = raw(name);
      if (value === undefined) return undefined;
      try {
        const url = new URL(value);
        if (protocols.includes(url.protocol)) return value;
        return fail(
          name,
          `must use one of ${protocols.join(' ')} (got ${url.protocol})`,
          undefined,
        );
      } catch {
        return fail(name, `is not a valid URL: "${value}"`, undefined);
      }
    },
  };
}

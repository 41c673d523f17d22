import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(8080);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.localNeo4j.boltPort).toBe(7687);
    expect(config.localNeo4j.dataDir).toBe('/srv/app/.recograph');
    expect(config.demo).toBe(true);
    expect(config.liveMinIntervalMs).toBe(300);
    expect(config.similarityMinIntervalMs).toBe(10_000);
    expect(loadConfig({ SIMILARITY_MIN_INTERVAL_MS: '0' }).similarityMinIntervalMs).toBe(0);
    expect(config.backgroundWork).toBe(true);
    expect(loadConfig({ BACKGROUND_WORK: '0' }).backgroundWork).toBe(false);
    expect(config.localNeo4j.jvmOptions).toEqual([]);
  });

  it('splits NEO4J_LOCAL_JVM_OPTIONS on whitespace', () => {
    expect(
      loadConfig({ NEO4J_LOCAL_JVM_OPTIONS: ' -XX:MaxGCPauseMillis=50\t-Xss2m  ' }).localNeo4j
        .jvmOptions,
    ).toEqual(['-XX:MaxGCPauseMillis=50', '-Xss2m']);
  });

  it('lists every bad variable in one error', () => {
    const env = {
      PORT: 'eighty',
      NEO4J_URI: 'http://db:7474',
      LOG_LEVEL: 'loud',
      DEMO: 'maybe',
      LIVE_MIN_INTERVAL_MS: '-1',
      REDIS_URL: 'not a url',
      RECOGRAPH_ADMIN_TOKEN: 'short',
      BACKGROUND_WORK: 'sometimes',
    };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(
      [
        'BACKGROUND_WORK',
        'DEMO',
        'LIVE_MIN_INTERVAL_MS',
        'LOG_LEVEL',
        'NEO4J_URI',
        'PORT',
        'RECOGRAPH_ADMIN_TOKEN',
        'REDIS_URL',
      ].sort(),
    );
    expect((error as Error).message).toContain('PORT: must be an integer');
  });

  it('accepts an external Neo4j with credentials', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j://db:7687',
      NEO4J_USERNAME: 'neo4j',
      NEO4J_PASSWORD: 'secret',
      DEMO: '0',
    });
    expect(config.neo4j).toMatchObject({
      uri: 'neo4j://db:7687',
      username: 'neo4j',
      password: 'secret',
    });
    expect(config.demo).toBe(false);
  });
});

import neo4j, { type Driver } from 'neo4j-driver';

export interface DriverSettings {
  uri: string;
  username: string;
  password: string;
  maxRetryTimeMs?: number;
}

/** The service's single driver; main.ts creates it once and closes it last. */
export function createDriver(settings: DriverSettings): Driver {
  const auth = settings.password
    ? neo4j.auth.basic(settings.username, settings.password)
    : undefined;
  return neo4j.driver(settings.uri, auth, {
    maxConnectionPoolSize: 64,
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: settings.maxRetryTimeMs ?? 5_000,
    disableLosslessIntegers: true,
    userAgent: 'recograph/0.1',
  });
}

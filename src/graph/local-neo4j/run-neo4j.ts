// `npm run neo4j`: the local Neo4j alone, for analysts with Neo4j Browser and for test runs.
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../logging/logger.js';
import { startLocalNeo4j } from './local-neo4j.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
try {
  const neo4j = await startLocalNeo4j({ ...config.localNeo4j, javaHome: config.javaHome }, logger);
  console.log(
    `\nNeo4j ${neo4j.owned ? 'started' : 'already running'}.\n  Bolt:    ${neo4j.uri}\n  Browser: ${neo4j.browserUrl} (no authentication; connect to ${neo4j.uri})\n  Log:     ${neo4j.logFile}\nPress Ctrl+C to stop.\n`,
  );
  const stop = async () => {
    await neo4j.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (!neo4j.owned) process.exit(0);
} catch (error) {
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
}

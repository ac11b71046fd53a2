import { readEnv } from './env';
import { log } from './log';
import { startServer } from './server';

try {
  const env = readEnv();
  const running = await startServer(env);
  log.info(`Tracker listening on ${running.url}`, {
    database: running.handle.kind === 'postgres' ? 'postgres' : `embedded (${env.TRACKER_DATA_DIR})`,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: finishing requests in flight, then closing the database`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

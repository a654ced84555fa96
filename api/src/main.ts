/**
 * Composition root: config → database → services → schema → HTTP + WebSocket. On the embedded
 * database the first run migrates and loads the Chicago demo data by itself. SIGTERM stops
 * accepting, finishes in-flight work, closes sockets and exits 0.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { connectDatabase } from './db/connect.js';
import { runMigrations } from './db/migrate.js';
import { buildStoopSchema } from './graphql/schema.js';
import { createStoopServer } from './http/server.js';
import { logger } from './lib/logger.js';
import { InProcessPubSub } from './lib/pubsub.js';
import type { PubSub } from './lib/pubsub.js';
import { RedisPubSub } from './lib/redis-pubsub.js';
import { LogDeliveryAdapter } from './modules/notification/notification.service.js';
import { PollingWorker } from './lib/polling-worker.js';
import { LogSmsSender } from './modules/sms/sms-delivery.service.js';
import { LogEmailSender } from './modules/reporter-updates/reporter-updates.service.js';
import { sendWebhook } from './channels/webhook/webhook.sender.js';
import { SmtpEmailAdapter } from './channels/email/smtp-email.adapter.js';
import { HttpSmsSender } from './channels/sms/http-sms.sender.js';
import { SmsNotificationAdapter } from './channels/sms/sms-notification.adapter.js';
import { createServices } from './services.js';
import { seed } from './seed/seed.js';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const db = await connectDatabase(config, (m) => logger.info(m));
  const applied = await runMigrations(db.dataSource);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  if (db.embedded && config.autoSeed) {
    const [{ count }] = (await db.dataSource.query(
      'SELECT count(*)::int AS count FROM service_definitions',
    )) as [{ count: number }];
    if (count === 0) {
      logger.info('first run on the embedded database: loading the Chicago demo data');
      await seed(db.dataSource, { dataDir: config.seedDataDir, log: (m) => logger.info(m) });
    }
  }
  let pubsub: PubSub = new InProcessPubSub();
  if (config.redisUrl) {
    const redis = new RedisPubSub(config.redisUrl);
    await redis.connected();
    logger.info('pub/sub through Redis: events reach every instance');
    pubsub = redis;
  }
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const services = createServices(db.dataSource, pubsub, {
    mediaDir: config.mediaDir,
    ideaReviewThreshold: config.ideaReviewThreshold,
    flagHideThreshold: config.flagHideThreshold,
    geocoder: { url: config.geocoderUrl, kind: config.geocoderKind },
    unsubscribeSecret: config.unsubscribeSecret,
    statsCacheSeconds: config.statsCacheSeconds,
    publicUrl,
  });
  // texts to phone numbers (SMS reporters without an account); the log sender unless STOOP_SMS_URL
  const smsSender = config.smsUrl
    ? new HttpSmsSender({
        url: config.smsUrl,
        from: config.smsFrom,
        user: config.smsUser,
        password: config.smsPassword,
      })
    : new LogSmsSender(logger);
  // E-mail over SMTP and texts over HTTP when configured; otherwise the log adapters deliver.
  const smtp = config.smtpUrl
    ? new SmtpEmailAdapter({ url: config.smtpUrl, from: config.mailFrom, publicUrl })
    : null;
  const adapters = {
    EMAIL: smtp ?? new LogDeliveryAdapter(logger, 'EMAIL'),
    SMS: new SmsNotificationAdapter(smsSender),
    WEBHOOK: new LogDeliveryAdapter(logger, 'WEBHOOK'),
  };
  const outbox = new PollingWorker(
    'notification delivery',
    () => services.notifications.deliverDue(adapters),
    logger,
  );
  outbox.start();
  const smsOutbox = new PollingWorker(
    'sms delivery',
    () => services.smsDelivery.deliverDue(smsSender),
    logger,
  );
  smsOutbox.start();
  // e-mails to reporters without an account who asked for updates
  const emailSender = smtp ?? new LogEmailSender(logger);
  const emailOutbox = new PollingWorker(
    'e-mail delivery (reporters without an account)',
    () => services.reporterUpdates.deliverDue(emailSender),
    logger,
  );
  emailOutbox.start();
  // signed request events to integrators' URLs (admins register them), retried until 2xx
  const webhooks = new PollingWorker(
    'webhook dispatch',
    () => services.webhooks.dispatch((d) => sendWebhook(d)),
    logger,
  );
  webhooks.start();
  const schema = await buildStoopSchema(services);
  const server = await createStoopServer({
    services,
    schema,
    logger,
    secureCookies: config.secureCookies,
    ipRateLimitPerMinute: config.ipRateLimitPerMinute,
    exportRateLimitPerMinute: config.exportRateLimitPerMinute,
    smsRateLimitPerMinute: config.smsRateLimitPerMinute,
    publicUrl: config.publicUrl,
    smsWebhookKey: config.smsPassword,
  });
  const port = await server.listen(config.port, config.host);
  logger.info(
    { port, embedded: db.embedded, startupMs: Date.now() - started },
    `Stoop is listening on http://localhost:${port} (GraphQL at /graphql)`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    timer.unref();
    try {
      await server.close();
      await outbox.stop();
      await smsOutbox.stop();
      await emailOutbox.stop();
      await webhooks.stop();
      logger.debug('http and websocket servers closed');
      await pubsub.close();
      await db.close();
      logger.debug('database closed');
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    logger.fatal(error.message);
  } else {
    logger.fatal({ err: error }, 'Stoop failed to start');
  }
  process.exit(1);
});

/** The process-wide structured logger (pino). Requests get child loggers carrying their id. */
import { pino } from 'pino';

/** Root logger; level from LOG_LEVEL. */
export const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  redact: {
    paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password'],
    censor: '[redacted]',
  },
});

export type Logger = typeof logger;

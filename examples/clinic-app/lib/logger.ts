import winston from 'winston';

/**
 * Application logger (JSON lines to stdout, shipped to the log platform by the container runtime).
 *
 * Log opaque ids, counts and outcomes. Never log names, dates of birth, contact details or
 * clinical values; when the shape of a record matters for debugging, log `redact(record)`.
 */
export const logger = winston.createLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  defaultMeta: { service: 'clinic-api' },
  transports: [new winston.transports.Console()],
});

/** Per-request child logger carrying the correlation id from the load balancer. */
export function requestLogger(requestId: string | undefined) {
  return logger.child({ requestId: requestId ?? 'none' });
}

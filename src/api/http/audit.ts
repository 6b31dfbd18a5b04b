/**
 * One structured audit line per request. It holds who (subscriber id), what (method and route
 * template, never the raw path or query), how much (numbers counted), which epoch answered, the status
 * and the duration. Never a phone number, never a key: handlers can only add counts and ids.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { QuotaAlert } from '../quota/quota.ts';

export interface AuditEntry {
  type: 'audit';
  time: string;
  requestId: string;
  subscriber: string | null;
  endpoint: string;
  status: number;
  numbers: number;
  epoch: string | null;
  errorCode: string | null;
  durationMs: number;
  /** Bytes of shard data read from storage to answer (cold shards loaded and verified); 0 when all were resident. */
  shardBytesRead: number;
  /** A subscriber crossing 80% / reaching 100% of a quota, or a usage spike (once per period). */
  quotaAlerts: QuotaAlert[];
}

export type AuditSink = (entry: AuditEntry) => void;

export const consoleAuditSink: AuditSink = (entry) => console.log(JSON.stringify(entry));

/** What a request's handlers may tell the audit line. */
export interface AuditContext {
  subscriber: string | null;
  numbers: number;
  epoch: string | null;
  errorCode: string | null;
  shardBytesRead: number;
  quotaAlerts: QuotaAlert[];
}

export function auditMiddleware(
  sink: AuditSink,
  now: () => number,
): MiddlewareHandler<{
  Variables: { audit: AuditContext };
}> {
  return async (c, next) => {
    const started = now();
    const audit: AuditContext = {
      ...{ subscriber: null, numbers: 0, epoch: null, errorCode: null, shardBytesRead: 0 },
      quotaAlerts: [],
    };
    c.set('audit', audit);
    await next();
    const route = routePath(c, -1);
    sink({
      type: 'audit',
      time: new Date(started).toISOString(),
      requestId: crypto.randomUUID(),
      subscriber: audit.subscriber,
      endpoint: `${c.req.method} ${route === '*' || route === '/*' ? '(unmatched)' : route}`,
      status: c.res.status,
      numbers: audit.numbers,
      epoch: audit.epoch,
      errorCode: audit.errorCode,
      durationMs: Math.round((now() - started) * 100) / 100,
      shardBytesRead: audit.shardBytesRead,
      quotaAlerts: audit.quotaAlerts,
    });
  };
}

/** The Hono environment every part of the app shares: per-request variables. */
import type { AuditContext } from './audit.ts';
import type { SubscriberRecord } from './subscribers.ts';

export interface AppEnv {
  Variables: {
    audit: AuditContext;
    /** Set by requireScope; absent for anonymous public downloads. */
    subscriber?: SubscriberRecord;
  };
}

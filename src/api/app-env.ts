/** The Hono environment every part of the app shares: per-request variables. */

import type { SubscriberRecord } from './auth/subscribers.ts';
import type { AuditContext } from './http/audit.ts';
import type { ListContext } from './lists/list-registry.ts';

export interface AppEnv {
  Variables: {
    audit: AuditContext;
    /** Set by requireScope; absent for anonymous public downloads. */
    subscriber?: SubscriberRecord;
    /** The list a per-list route answers for (api/lists/list-access.ts). */
    list?: ListContext;
    /** An HTML page's own Content-Security-Policy, sent by http/security-headers.ts (default PAGE_CSP). */
    contentSecurityPolicy?: string;
  };
}

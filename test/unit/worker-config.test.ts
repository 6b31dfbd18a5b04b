/**
 * worker/wrangler.jsonc keeps nothing a client sends in Cloudflare's logs and traces (docs/PRIVACY.md,
 * "What the edge keeps"): Workers Logs, invocation logs and traces off, query strings redacted should
 * anyone turn them back on. A change here must be a deliberate edit of this test too.
 */
import { describe, expect, it } from 'vitest';
import { readWranglerConfig, WORKER_CONFIG } from '../../scripts/wrangler-dev.ts';

interface Observability {
  enabled?: boolean;
  head_sampling_rate?: number;
  redact_query_string?: boolean;
  logs?: { enabled?: boolean; invocation_logs?: boolean; head_sampling_rate?: number; persist?: boolean };
  traces?: { enabled?: boolean; head_sampling_rate?: number; persist?: boolean };
}

describe('worker/wrangler.jsonc observability', async () => {
  const config = (await readWranglerConfig(WORKER_CONFIG)) as {
    observability?: Observability;
    env?: Record<string, { observability?: Observability }>;
    tail_consumers?: unknown;
    logpush?: unknown;
  };

  it('turns off Workers Logs, invocation logs and traces, and sends them nowhere', () => {
    const observability = config.observability;
    expect(observability).toEqual({
      enabled: false,
      head_sampling_rate: 0,
      redact_query_string: true,
      logs: { enabled: false, invocation_logs: false, head_sampling_rate: 0, persist: false },
      traces: { enabled: false, head_sampling_rate: 0, persist: false },
    });
    expect(config.tail_consumers).toBeUndefined();
    expect(config.logpush).toBeUndefined();
  });

  it('has no environment that turns them back on', () => {
    for (const [name, env] of Object.entries(config.env ?? {})) {
      expect(env.observability?.enabled ?? false, name).toBe(false);
    }
  });
});

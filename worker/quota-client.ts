/**
 * The app's QuotaCounter on Workers: each call goes to the subscriber's own Durable Object (RPC), the
 * one place its counts are kept, whichever isolate or location serves the request.
 */
import type { QuotaCounter, QuotaDecision, QuotaUsage } from '../src/api/quota/quota.ts';
import { remainingOf } from '../src/api/quota/rules.ts';
import type { SubscriberQuota } from './quota-object.ts';

export function durableObjectQuotaCounter(namespace: DurableObjectNamespace<SubscriberQuota>): QuotaCounter {
  const objectOf = (subscriberId: string) => namespace.get(namespace.idFromName(subscriberId));
  return {
    async reserve(request) {
      return (await objectOf(request.subscriberId).reserve(request)) as QuotaDecision;
    },
    async usage(subscriberId, at) {
      return (await objectOf(subscriberId).usage(subscriberId, at)) as QuotaUsage;
    },
    // The object's usage RPC: what is left is the same arithmetic as on Node (rules.ts).
    async remaining(subscriberId, limits, at) {
      return remainingOf((await objectOf(subscriberId).usage(subscriberId, at)) as QuotaUsage, limits);
    },
  };
}

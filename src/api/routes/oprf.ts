/**
 * POST /v1/oprf/evaluate: the server half of an oprf-mode check (RFC 9497 VOPRF, ristretto255-SHA512).
 * The client sends blinded elements; the worker multiplies each by the OPRF secret key and proves the
 * whole batch with one DLEQ proof against the public key in the manifest. The worker never sees a
 * number, only uniformly random group elements; each element counts against the daily and monthly
 * quota (charged once the batch is valid, before the work: metered-post.ts), which is what stops a
 * subscriber from walking the numbering plan. In a partitioned epoch (docs/FORMAT.md §1.4) a batch
 * names its partition, the RFC 9497 POPRF's public input: the worker evaluates under the key tweaked
 * by it, for a key entitled to that partition only, and so learns each number's partition (its area
 * code) and nothing else of it.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { toBase64 } from '../../core/encoding/base64.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { OprfError } from '../../oprf/errors.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import { decodeElements, encodeElements, encodeProof } from '../../oprf/wire.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { DEFAULT_LIST, mayUsePartition, type SubscriberRecord } from '../auth/subscribers.ts';
import { chooseOprfKey } from '../epochs/oprf-keys.ts';
import { ApiError } from '../errors/api-error.ts';
import { OprfEvaluateRequest, OprfEvaluateResponse } from '../openapi/oprf-schemas.ts';
import { registerMeteredPost } from './metered-post.ts';

export function registerOprfRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  let backend: Promise<OprfBackend> | undefined;

  registerMeteredPost(app, services, {
    path: '/v1/oprf/evaluate',
    operationId: 'evaluateOprf',
    summary: 'Evaluate up to 1,000 blinded elements with the OPRF key (oprf-mode epochs)',
    description:
      'RFC 9497 VOPRF (ristretto255-SHA512): one evaluated element per blinded element and one batched DLEQ proof ' +
      "against the manifest's `hash.publicKey`. Each element counts against the daily and monthly quota, charged " +
      'only once every element is valid. The identity element and non-canonical encodings are refused with 400 INVALID_ELEMENT.',
    request: OprfEvaluateRequest,
    response: OprfEvaluateResponse,
    responseDescription: 'The evaluation and its proof',
    items: 'evaluations',
    requestErrors: ['INVALID_ELEMENT'],
    epochErrors: ['OPRF_KEY_RETIRED', 'PARTITION_NOT_ENTITLED'],
    count: ({ elements }) => elements.length,
    prepare: async (body, epoch, list, c) => {
      const { manifest } = epoch;
      if (manifest.mode !== 'oprf' || !manifest.hash.publicKey) {
        throw new ApiError('UNSUPPORTED_MODE', {
          message: `epoch ${manifest.epoch} is in ${manifest.mode} mode: use POST /v1/check`,
        });
      }
      const info = partitionInfo(body.partition, manifest, c.get('subscriber')!, list.name);
      backend ??= services.oprfBackend();
      const oprf = await backend;
      const held = list.oprfKeys(oprf);
      if (!held) {
        throw new ApiError('MISCONFIGURED', {
          // The root list's wording is the one servers gave before lists existed.
          message:
            list.name === DEFAULT_LIST
              ? 'the OPRF key is not configured on this server'
              : `no OPRF key for list ${list.name} on this server: the list seed (QUIETLIST_LIST_SEED) is not configured`,
        });
      }
      // The key of the epoch the client pulled (keyId), during a rotation overlap; else the current one.
      const { secretKey, keyId } = chooseOprfKey(held, oprf, manifest, body.keyId, services.now());
      // Every element is decoded and checked before the quota is charged: invalid requests cost nothing.
      let blinded: Uint8Array[];
      try {
        blinded = decodeElements(body.elements, 'blinded element');
        oprf.checkBlindedElements(blinded);
      } catch (error) {
        throw invalidElement(error);
      }
      return async () => {
        let evaluation: ReturnType<OprfBackend['blindEvaluate']>;
        try {
          evaluation = oprf.blindEvaluate(secretKey, blinded, info === undefined ? {} : { info });
        } catch (error) {
          throw invalidElement(error);
        }
        return {
          epoch: manifest.epoch,
          manifestSha256: epoch.manifestSha256,
          keyId,
          publicKey: toBase64(oprf.publicKeyOf(secretKey)),
          evaluatedElements: encodeElements(evaluation.evaluatedElements),
          proof: encodeProof(evaluation.proof),
        };
      };
    },
  });
}

/**
 * The POPRF's public input: the batch's partition, required in a partitioned epoch and refused in any
 * other, and one the key is entitled to (checked before the quota is charged).
 */
function partitionInfo(
  partition: string | undefined,
  manifest: Manifest,
  subscriber: SubscriberRecord,
  list: string,
): Uint8Array | undefined {
  const rule = manifest.register?.partition;
  if (!rule) {
    if (partition === undefined) return undefined;
    throw new ApiError('INVALID_REQUEST', {
      message: `epoch ${manifest.epoch} is not partitioned: send no partition`,
    });
  }
  if (partition === undefined || partition.length !== rule.digits) {
    throw new ApiError('INVALID_REQUEST', {
      message: `epoch ${manifest.epoch} is partitioned by ${rule.name}: every batch names its partition (${rule.digits} digits)`,
    });
  }
  if (!mayUsePartition(subscriber, partition, list)) {
    throw new ApiError('PARTITION_NOT_ENTITLED', {
      message: `this API key is not entitled to ${rule.name} ${partition}: its numbers are not evaluated`,
    });
  }
  return new TextEncoder().encode(partition);
}

/** Bad client input becomes 400 INVALID_ELEMENT naming the position; anything else stays a server error. */
function invalidElement(error: unknown): unknown {
  if (
    error instanceof OprfError &&
    (error.reason === 'ELEMENT_INVALID' || error.reason === 'ELEMENT_IDENTITY')
  ) {
    const where = error.index === undefined ? '' : ` (elements[${error.index}])`;
    const what =
      error.reason === 'ELEMENT_IDENTITY' ? 'the identity element' : 'not a canonical ristretto255 encoding';
    return new ApiError('INVALID_ELEMENT', { message: `a blinded element is ${what}${where}` });
  }
  return error;
}

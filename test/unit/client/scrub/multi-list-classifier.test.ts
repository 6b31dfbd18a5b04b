/**
 * A row scrubbed against several lists (client/scrub/multi-list-classifier.ts) is listed when any list
 * holds one of its values; a value one list could not answer (NOT_ENTITLED, unchecked) keeps that
 * answer, so it never reaches the clean output; else it is clean when a list read it as a number; else
 * the first list's reason. The lists' classifiers here answer fixed status bytes: what is tested is how
 * they are combined.
 */
import { describe, expect, it } from 'vitest';
import { MultiListClassifier } from '../../../../src/client/scrub/multi-list-classifier.ts';
import type { RowClassifier } from '../../../../src/client/scrub/row-classifier.ts';
import { invalidStatus, LISTED, NOT_LISTED, UNCHECKED } from '../../../../src/client/scrub/row-status.ts';

function answering(statuses: number[]): RowClassifier {
  return { threads: 1, classify: async () => Uint8Array.from(statuses), close: async () => {} };
}

const NOT_ENTITLED = invalidStatus('NOT_ENTITLED');
const TOO_SHORT = invalidStatus('TOO_SHORT');

describe('MultiListClassifier', () => {
  it('lists, then could-not-answer, then not listed, then the first reason', async () => {
    const INVALID_COUNTRY = invalidStatus('INVALID_COUNTRY');
    const own = [NOT_LISTED, NOT_LISTED, LISTED, TOO_SHORT, NOT_LISTED, TOO_SHORT, TOO_SHORT, NOT_LISTED];
    const sold = [
      NOT_ENTITLED,
      LISTED,
      NOT_ENTITLED,
      NOT_ENTITLED,
      UNCHECKED,
      NOT_LISTED,
      INVALID_COUNTRY,
      NOT_LISTED,
    ];
    const classifier = new MultiListClassifier([
      { name: 'own', classifier: answering(own) },
      { name: 'sold', classifier: answering(sold) },
    ]);
    classifier.startRows(1);
    expect([...(await classifier.classify(Array(own.length).fill('x')))]).toEqual([
      NOT_ENTITLED,
      LISTED,
      LISTED,
      NOT_ENTITLED,
      UNCHECKED,
      NOT_LISTED,
      TOO_SHORT,
      NOT_LISTED,
    ]);
    expect(classifier.listedBy).toEqual({ own: 1, sold: 1 });
  });
});

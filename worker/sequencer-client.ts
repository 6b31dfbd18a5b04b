/**
 * The app's AdditionsSequencer on Workers: each call goes to the list's own Durable Object (RPC), the
 * one writer of its additions, whichever isolate or location took the request.
 */
import type { AddedEntries, AdditionsSequencer } from '../src/api/additions/sequencer.ts';
import { manifestList } from '../src/core/lists/list-name.ts';
import type { ListSequencer } from './sequencer-object.ts';

export function durableObjectSequencer(namespace: DurableObjectNamespace<ListSequencer>): AdditionsSequencer {
  const objectOf = (list: string) => namespace.get(namespace.idFromName(list));
  return {
    async add(current, entries) {
      return (await objectOf(manifestList(current.manifest)).add(current, entries)) as AddedEntries;
    },
    async sync(current) {
      await objectOf(manifestList(current.manifest)).sync(current);
    },
  };
}

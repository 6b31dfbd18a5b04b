/**
 * What an access key looks like (`ql_<id>_<secret>`, src/api/auth/subscribers.ts): the page checks it
 * before sending anything, so a pasted sentence or a half-copied key is named for what it is instead
 * of being refused by the server as "not accepted".
 */
export const API_KEY_SHAPE = /^ql_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/;

export function looksLikeApiKey(value: string): boolean {
  return API_KEY_SHAPE.test(value);
}

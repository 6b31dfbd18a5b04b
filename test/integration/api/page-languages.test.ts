/**
 * The pages in the register's languages, rendered by the app as a browser receives them: each of the
 * six languages chosen through Accept-Language, with no English phrase of the pages left in the five
 * others (the status page and /scrub, numbers and the register's rules included), and the language
 * chosen from the register's profile when the browser prefers none of the pages' languages.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { builtinProfile } from '../../../src/core/registers/builtin-profiles.ts';
import { registerRulesOf } from '../../../src/core/registers/profile.ts';
import { PAGE_LANGUAGES } from '../../../src/page/shared/strings/index.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';
import { englishIn } from '../../helpers/english-phrases.ts';

/** What a person reads of an HTML page: its text, without tags, scripts, styles or code. */
function visibleText(html: string): string {
  return html
    .replace(/<(style|script|code)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function servedApp(register?: string) {
  const keys = newOperatorKeys();
  const store = tempFileStore();
  const profile = register ? builtinProfile(register)! : undefined;
  const numbers = profile ? ['+3225550001', '+3225550002'] : ['+33199000001', '+33199000002'];
  await buildInto(store, keys, numbers, {
    ...(profile ? { register: registerRulesOf(profile), region: profile.region as CountryCode } : {}),
  });
  return createApp({
    store,
    config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey) }),
    quotas: new MemoryQuotaCounter(),
    audit: () => {},
  });
}

describe('the pages in six languages', () => {
  it.each(['/', '/scrub'])(
    '%s speaks each language the browser asks for, with no English left',
    async (path) => {
      const app = await servedApp();
      for (const language of PAGE_LANGUAGES) {
        const response = await app.request(path, { headers: { 'accept-language': `${language};q=0.9` } });
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html, language).toContain(`<html lang="${language}">`);
        if (language !== 'en') expect(englishIn(visibleText(html)), `${path} in ${language}`).toEqual([]);
      }
    },
  );

  it('chooses from the register: the browser’s preference among its languages, then the register’s first', async () => {
    const app = await servedApp('be-dncm');
    const language = async (acceptLanguage?: string) => {
      const headers: Record<string, string> = acceptLanguage ? { 'accept-language': acceptLanguage } : {};
      const html = await (await app.request('/', { headers })).text();
      return /<html lang="(\w+)">/.exec(html)?.[1];
    };
    expect(await language('fr-BE,fr;q=0.9,nl;q=0.5')).toBe('fr');
    expect(await language('es-ES,es;q=0.9,de;q=0.5')).toBe('de');
    expect(await language('es-ES')).toBe('es');
    expect(await language('ja-JP')).toBe('nl');
    expect(await language()).toBe('nl');
    // A language link wins over the browser's preference; numbers are written as Belgium writes them.
    const html = await (await app.request('/?lang=nl', { headers: { 'accept-language': 'fr' } })).text();
    expect(html).toContain('<html lang="nl">');
    expect(visibleText(html)).toContain('2 ingeschreven nummers');
    expect(visibleText(html)).toContain('bel alleen met een lijst die hoogstens 5 dagen oud is');
  });
});

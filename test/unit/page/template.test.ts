/**
 * The scrub page's template and its script read one list of element ids (page/shared/element-ids.ts):
 * every id of the list is on the page exactly once, the page has no id outside it, and every reference
 * between elements (labels, ARIA, copy buttons) points at an element that is there. The file comes
 * first, the key check last and folded.
 */
import { describe, expect, it } from 'vitest';
import { scrubPageHtml } from '../../../src/page/server/scrub-template.ts';
import { DOWNLOAD_LINKS, PAGE_ASSETS, PAGE_IDS } from '../../../src/page/shared/element-ids.ts';
import { PAGE_LANGUAGES, type PageLanguage } from '../../../src/page/shared/strings/index.ts';

async function render(language: PageLanguage): Promise<string> {
  return String(
    await scrubPageHtml({
      language,
      locale: language,
      languages: ['fr', 'en'],
      publicKey: 'S2V5',
      fingerprint: 'ab12cd34ef56ab78',
    }),
  );
}

const attributeValues = (html: string, attribute: string) =>
  [...html.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((match) => match[1]!);

describe('scrub page template', () => {
  for (const language of PAGE_LANGUAGES) {
    it(`(${language}) carries every id of the shared list once, and no other`, async () => {
      const html = await render(language);
      const ids = attributeValues(html, 'id');
      expect([...ids].sort()).toEqual(Object.values(PAGE_IDS).sort());
      for (const attribute of ['for', 'aria-labelledby', 'aria-describedby', 'data-copy']) {
        for (const target of attributeValues(html, attribute))
          expect(ids, `${attribute}="${target}"`).toContain(target);
      }
      for (const { link, name } of Object.values(DOWNLOAD_LINKS)) {
        expect(html).toMatch(new RegExp(`<a id="${link}"[^>]*>[^<]*</a><span id="${name}">`));
      }
      expect(html).toContain(`<html lang="${language}">`);
    });
  }

  it('puts the file first and the key check last, folded in a section a person can open', async () => {
    const html = await render('fr');
    const at = (id: string) => html.indexOf(`id="${id}"`);
    expect(at(PAGE_IDS.file)).toBeLessThan(at(PAGE_IDS.fingerprint));
    expect(at(PAGE_IDS.scrubButton)).toBeLessThan(at(PAGE_IDS.verify));
    expect(html).toMatch(
      new RegExp(`<details id="${PAGE_IDS.verify}">[\\s\\S]*id="${PAGE_IDS.fingerprint}"[\\s\\S]*</details>`),
    );
    // The register's languages first in the switch, then the others.
    const switchOrder = attributeValues(html, 'data-set-lang');
    expect(switchOrder).toEqual(['fr', 'en', 'es', 'it', 'nl', 'de']);
  });

  it('loads the script and names the worker the bundler writes, and shows the key it was given', async () => {
    const html = await render('en');
    expect(html).toContain(`<script type="module" src="${PAGE_ASSETS.script}"></script>`);
    expect(html).toContain(`data-worker="${PAGE_ASSETS.worker}"`);
    expect(html).toContain('data-public-key="S2V5"');
    expect(html).toContain('>ab12cd34ef56ab78</code>');
  });
});

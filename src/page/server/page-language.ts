/**
 * The language a page is served in, and the locale of its numbers and dates: `?lang=` when a language
 * link was followed, else the browser's Accept-Language among the register's languages (from the
 * served epoch's signed rules), else among all the pages speak, else the register's first language.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../api/app-env.ts';
import type { AppServices } from '../../api/app-services.ts';
import type { LoadedEpoch } from '../../api/epochs/epoch-cache.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { LANGUAGE_PARAMETER } from '../shared/element-ids.ts';
import {
  acceptLanguageTags,
  chooseLanguage,
  isPageLanguage,
  localeFor,
  type PageLanguage,
} from '../shared/strings/index.ts';

export interface PageLanguageChoice {
  language: PageLanguage;
  locale: string;
  /** The register's languages (English when no epoch is served yet). */
  languages: PageLanguage[];
}

export function pageLanguage(c: Context<AppEnv>, epoch: LoadedEpoch | null): PageLanguageChoice {
  const rules = epoch ? epochRules(epoch.manifest) : undefined;
  const languages = rules?.languages ?? ['en'];
  const preferred = acceptLanguageTags(c.req.header('accept-language'));
  const asked = c.req.query(LANGUAGE_PARAMETER);
  const language = isPageLanguage(asked) ? asked : chooseLanguage(preferred, languages);
  return { language, locale: localeFor(language, preferred, rules?.country), languages };
}

/** The served epoch, or null when none is (yet): a page still renders, in the default language. */
export async function currentEpochOrNull(services: AppServices): Promise<LoadedEpoch | null> {
  return services.epochs.current().catch(() => null);
}

import type { ChartLocale } from '../charts/support/chartLocale.ts';
import type { ChartMessages, CommonMessages } from '../i18n/catalogue.ts';
import { createFormatters, type Formatters } from '../i18n/formatters.ts';
import type { Lang } from '../i18n/languages.ts';

/** A page's language: formatters in the reader's time zone, and the strings every page uses. */
export interface SiteLocale {
  readonly lang: Lang;
  readonly format: Formatters;
  readonly chart: ChartLocale;
  readonly common: CommonMessages;
}

/** The messages a page's entry script hands over, imported from its language's catalogue. */
export interface SiteMessages {
  readonly lang: Lang;
  readonly charts: ChartMessages;
  readonly common: CommonMessages;
}

export function siteLocale(messages: SiteMessages, timeZone: string): SiteLocale {
  const format = createFormatters(messages.lang, timeZone);
  return {
    lang: messages.lang,
    format,
    chart: { format, text: messages.charts },
    common: messages.common,
  };
}

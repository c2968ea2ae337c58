/**
 * The explorer's language and time zone. The page is one file; its script carries the English and
 * Japanese explorer strings (a few KB) and writes every `data-i18n` element from the chosen one
 * before it connects. Language: `?lang=` in the link, else the reader's earlier choice, else the
 * browser's. The switch keeps the rest of the link.
 */
import type { ChartLocale } from '../../site/src/charts/support/chartLocale.ts';
import type { ExplorerMessages } from '../../site/src/i18n/catalogue.ts';
import { charts as enCharts, explorer as enExplorer } from '../../site/src/i18n/en.ts';
import { createFormatters, type Formatters } from '../../site/src/i18n/formatters.ts';
import { charts as jaCharts, explorer as jaExplorer } from '../../site/src/i18n/ja.ts';
import {
  isLang,
  LANGUAGE_NAMES,
  LANGUAGES,
  type Lang,
  preferredLanguage,
  readPreference,
  writePreference,
} from '../../site/src/i18n/languages.ts';
import { browserTimeZone, isTimeZone } from '../../site/src/i18n/timeZones.ts';
import { el } from './dom.ts';

const CATALOGUES = {
  en: { t: enExplorer, charts: enCharts },
  ja: { t: jaExplorer, charts: jaCharts },
} satisfies Record<Lang, unknown>;

export interface ExplorerLocale {
  readonly lang: Lang;
  readonly t: ExplorerMessages;
  readonly format: Formatters;
  readonly chart: ChartLocale;
  /** For calendar days (snapshot days), which are the same days in every zone. */
  readonly utcChart: ChartLocale;
}

export function chooseLanguage(search: string = location.search): Lang {
  const fromLink = new URLSearchParams(search).get('lang');
  if (isLang(fromLink)) return fromLink;
  const stored = readPreference('lang');
  if (isLang(stored)) return stored;
  return preferredLanguage(navigator.languages ?? [navigator.language]);
}

/** The zone a new view starts in: the reader's earlier choice, else the browser's. */
export function preferredTimeZone(): string {
  const stored = readPreference('timeZone');
  return stored && isTimeZone(stored) ? stored : browserTimeZone();
}

export function explorerLocale(lang: Lang, timeZone: string): ExplorerLocale {
  const { t, charts } = CATALOGUES[lang];
  const format = createFormatters(lang, timeZone);
  return {
    lang,
    t,
    format,
    chart: { format, text: charts },
    utcChart: { format: createFormatters(lang, 'UTC'), text: charts },
  };
}

type StringKey = {
  [K in keyof ExplorerMessages]: ExplorerMessages[K] extends string ? K : never;
}[keyof ExplorerMessages];

/** Writes the page's fixed text (data-i18n, -placeholder, -aria-label) in the locale's language. */
export function translatePage(locale: ExplorerLocale, root: Document = document) {
  const text = (key: string | undefined) =>
    key && typeof locale.t[key as StringKey] === 'string' ? locale.t[key as StringKey] : null;
  root.documentElement.lang = locale.lang;
  root.title = locale.t.title;
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = text(node.dataset.i18n);
    if (value !== null) node.textContent = value;
  }
  for (const node of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    const value = text(node.dataset.i18nPlaceholder);
    if (value !== null) node.placeholder = value;
  }
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    const value = text(node.dataset.i18nAriaLabel);
    if (value !== null) node.setAttribute('aria-label', value);
  }
}

/** Links to the page in every other language, keeping the view; a click remembers the choice. */
export function renderLanguageSwitch(current: Lang, box: HTMLElement) {
  box.replaceChildren(
    ...LANGUAGES.filter((lang) => lang !== current).map((lang) => {
      const link = el('a', { href: '#', hreflang: lang, lang, class: 'bar-link' }, LANGUAGE_NAMES[lang]);
      link.addEventListener('click', () => {
        const url = new URL(location.href);
        url.searchParams.set('lang', lang);
        link.href = url.href;
        writePreference('lang', lang);
      });
      return link;
    }),
  );
}

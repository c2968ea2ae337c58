/**
 * The reader's language and time zone on the site: the switch links in the header, the time zone
 * menu, and the first-visit move from an English page to the reader's own language.
 */
import {
  isLang,
  type Lang,
  pageFile,
  preferredLanguage,
  readPreference,
  type SitePage,
  writePreference,
} from '../i18n/languages.ts';
import { browserTimeZone, isTimeZone, timeZoneChoices, timeZoneLabel } from '../i18n/timeZones.ts';
import { el } from './dom.ts';

const TAB_LANG = 'tubelens.tabLang';

/**
 * Where an English page should send this reader, or null to stay: a reader who never chose a
 * language and whose browser prefers one we speak goes to that page once. A link with
 * `?lang=en` (the switch writes it) keeps this tab in English.
 */
export function languageRedirect(
  lang: Lang,
  page: SitePage,
  where: Pick<Location, 'search' | 'hash'> = location,
  browserLanguages: readonly string[] = navigator.languages ?? [navigator.language],
): string | null {
  if (lang !== 'en') return null;
  let tab: string | null = null;
  try {
    if (new URLSearchParams(where.search).get('lang') === 'en') sessionStorage.setItem(TAB_LANG, 'en');
    tab = sessionStorage.getItem(TAB_LANG);
  } catch {
    tab = new URLSearchParams(where.search).get('lang');
  }
  const wanted = tab ?? readPreference('lang') ?? preferredLanguage(browserLanguages);
  if (!isLang(wanted) || wanted === 'en') return null;
  return `./${pageFile(page, wanted)}${where.search}${where.hash}`;
}

/** Makes the header's language links keep the page's query and hash, and remembers the choice. */
export function wireLanguageLinks(root: ParentNode = document) {
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[data-role="language-switch"]')) {
    const target = link.hreflang;
    const base = link.getAttribute('href') ?? '';
    link.addEventListener('click', () => {
      const params = new URLSearchParams(location.search);
      params.delete('lang');
      if (target === 'en') params.set('lang', 'en');
      const query = params.toString();
      link.href = `${base}${query ? `?${query}` : ''}${location.hash}`;
      if (isLang(target)) writePreference('lang', target);
      try {
        sessionStorage.removeItem(TAB_LANG);
      } catch {}
    });
  }
}

/** The zone dates are shown in: `?tz=` in the link, else the reader's choice, else the browser's. */
export function chosenTimeZone(search: string = location.search): string {
  const fromLink = new URLSearchParams(search).get('tz');
  if (fromLink && isTimeZone(fromLink)) return fromLink;
  const stored = readPreference('timeZone');
  return stored && isTimeZone(stored) ? stored : browserTimeZone();
}

/** Fills the header's time zone menu; a change is remembered and the page drawn again. */
export function wireTimeZoneMenu(current: string, lang: Lang, root: ParentNode = document) {
  const select = root.querySelector<HTMLSelectElement>('select[data-role="time-zone"]');
  if (!select) return;
  const zones = [...new Set([...timeZoneChoices(), current])];
  select.replaceChildren(...zones.map((zone) => el('option', { value: zone }, timeZoneLabel(zone, lang))));
  select.value = current;
  select.disabled = false;
  select.addEventListener('change', () => {
    writePreference('timeZone', select.value);
    const url = new URL(location.href);
    url.searchParams.delete('tz');
    location.replace(url.href);
  });
}

/**
 * The languages the site and the explorer speak. A site page exists once per language as a static
 * file (`index.html`, `index.ja.html`, …), so the HTML arrives already translated and no server
 * chooses: the English pages send a reader whose browser prefers another language there (once,
 * unless they chose English), and every link and the switch keep the language.
 */
export const LANGUAGES = ['en', 'ja'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Each language named in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', ja: '日本語' };

export type SitePage = 'index' | 'channels' | 'channel' | 'about';

export function isLang(value: unknown): value is Lang {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The page's file in `lang`: `index.html`, `channels.ja.html`. English has no suffix. */
export function pageFile(page: SitePage, lang: Lang): string {
  return lang === 'en' ? `${page}.html` : `${page}.${lang}.html`;
}

/** The first of the browser's languages we speak, by primary tag (ja-JP → ja); else English. */
export function preferredLanguage(browserLanguages: readonly string[]): Lang {
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return 'en';
}

const STORAGE = { lang: 'tubelens.lang', timeZone: 'tubelens.timeZone' } as const;

/** A preference the reader chose (localStorage; absent when storage is blocked). */
export function readPreference(name: keyof typeof STORAGE): string | null {
  try {
    return localStorage.getItem(STORAGE[name]);
  } catch {
    return null;
  }
}

export function writePreference(name: keyof typeof STORAGE, value: string): void {
  try {
    localStorage.setItem(STORAGE[name], value);
  } catch {
    // Storage blocked: the choice lasts as long as the page's URL carries it.
  }
}

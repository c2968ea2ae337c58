/**
 * Build time only: every language's page text, for the .astro files. Never imported by a page's
 * script (a script imports its own language's sections, so it ships one language).
 */
import type { PageMessages } from './catalogue.ts';
import * as en from './en.ts';
import * as ja from './ja.ts';
import type { Lang } from './languages.ts';

export const PAGE_TEXT: Record<Lang, PageMessages> = { en: en.pages, ja: ja.pages };

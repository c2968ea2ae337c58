/**
 * The shape of a translation catalogue, taken from the English one (en.ts): every other language
 * must give every key, with the same parameters, or the type check fails. A catalogue is one file
 * per language with one export per section; a page's script imports only the sections it shows,
 * so each page ships one language and only its own strings. How to add a string or a language:
 * docs/site.md, "Languages".
 */
import type * as en from './en.ts';

/** Strings stay strings, message functions keep their parameters, sections recurse. */
type Shape<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Shape<T[K]> };

/** Words the charts write themselves. */
export type ChartMessages = Shape<typeof en.charts>;
/** Shared by every page's script: freshness, failures, the page shell. */
export type CommonMessages = Shape<typeof en.common>;
/** The overview page's script. */
export type OverviewMessages = Shape<typeof en.overview>;
/** The channel index page's script. */
export type ChannelsMessages = Shape<typeof en.channels>;
/** One channel's page's script. */
export type ChannelMessages = Shape<typeof en.channel>;
/** The about page's script. */
export type AboutMessages = Shape<typeof en.about>;
/** Text written into the HTML when the site is built (never shipped as script). */
export type PageMessages = Shape<typeof en.pages>;
/** The explorer's page and script. */
export type ExplorerMessages = Shape<typeof en.explorer>;

/** A whole catalogue, for build-time use and tests (scripts import sections one by one). */
export interface Catalogue {
  readonly charts: ChartMessages;
  readonly common: CommonMessages;
  readonly overview: OverviewMessages;
  readonly channels: ChannelsMessages;
  readonly channel: ChannelMessages;
  readonly about: AboutMessages;
  readonly pages: PageMessages;
  readonly explorer: ExplorerMessages;
}

import type { CategoryOption, ChannelOption, ViewParts } from '../shared/protocol.ts';
import { DEFAULT_STATE } from '../shared/viewDefaults.ts';
import type { ViewState, ViewStatePatch } from '../shared/viewState.ts';
import type { ExplorerLocale } from './i18n.ts';

/**
 * What the page last heard from the server: it renders this and nothing else (the server owns the
 * state and computes every selection).
 */
export const view = {
  state: DEFAULT_STATE as ViewState,
  parts: {} as ViewParts,
  channelTitles: {} as Record<string, string>,
  categories: [] as CategoryOption[],
  searchResults: [] as ChannelOption[],
};

/** What a renderer needs besides the view: the reader's language and a way to ask for a change. */
export interface Ui {
  readonly locale: ExplorerLocale;
  send(patch: ViewStatePatch): void;
}

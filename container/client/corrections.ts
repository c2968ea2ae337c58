import type { ExplorerMessages } from '../../site/src/i18n/catalogue.ts';
import { MAX_CHANNELS } from '../shared/viewDefaults.ts';
import type { LinkCorrection } from '../shared/viewStateUrl.ts';
import { byId, el } from './dom.ts';

/** Corrections found once the server answers: a page past the last, a channel that does not exist. */
export type ViewCorrection =
  | LinkCorrection
  | { readonly kind: 'page'; readonly asked: number; readonly last: number }
  | { readonly kind: 'channelMissing'; readonly value: string };

/** One correction in the reader's language. */
export function describeCorrection(c: ViewCorrection, t: ExplorerMessages): string {
  const say = t.correction;
  switch (c.kind) {
    case 'page':
      return say.page(c.asked, c.last);
    case 'dateOrder':
    case 'durationOrder':
    case 'q':
      return say[c.kind];
    case 'tooManyChannels':
      return say.tooManyChannels(MAX_CHANNELS);
    default:
      return say[c.kind](c.value);
  }
}

let shown: ViewCorrection[] = [];

/** Adds corrections to the notice under the header (it stays until dismissed or the link changes). */
export function showCorrections(more: readonly ViewCorrection[], t: ExplorerMessages) {
  if (!more.length) return;
  shown = [...shown, ...more];
  byId('correction-list').replaceChildren(...shown.map((c) => el('li', {}, describeCorrection(c, t))));
  byId('corrections').hidden = false;
}

export function clearCorrections() {
  shown = [];
  byId('corrections').hidden = true;
  byId('correction-list').replaceChildren();
}

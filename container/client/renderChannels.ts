import type { ChannelOption } from '../shared/protocol.ts';
import { byId, el } from './dom.ts';
import { type Ui, view } from './explorerView.ts';

/** The chips of the compared channels: a long name is cut by CSS, whole in the hover and the button's name. */
export function renderChannels({ locale: { t }, send }: Ui) {
  const state = view.state;
  byId('selected-channels').replaceChildren(
    ...state.channels.map((id) => {
      const name = view.channelTitles[id] ?? id;
      const remove = el(
        'button',
        { type: 'button', 'aria-label': t.remove(name), title: t.remove(name) },
        '×',
      );
      remove.addEventListener('click', () => send({ channels: state.channels.filter((c) => c !== id) }));
      return el('li', { 'data-channel': id, title: name }, el('span', { class: 'chip-name' }, name), remove);
    }),
  );
}

/** The channel search's results, without those already compared. */
export function renderChannelResults(
  { locale: { t, format: f }, send }: Ui,
  channels: ChannelOption[] = view.searchResults,
) {
  view.searchResults = channels;
  byId('channel-results').replaceChildren(
    ...channels
      .filter((c) => !view.state.channels.includes(c.channelId))
      .map((c) => {
        const add = el('button', { type: 'button', 'data-channel': c.channelId }, `+ ${c.title}`);
        add.title = `${c.title}\n${t.channelTooltip(t.videos(c.videos, f.count(c.videos)), c.subscribers === null ? null : f.count(c.subscribers))}`;
        add.addEventListener('click', () => {
          view.channelTitles[c.channelId] = c.title;
          send({ channels: [...view.state.channels, c.channelId] });
        });
        return el('li', {}, add);
      }),
  );
}

import type { ChannelIndexEntry } from '../../../../db/reports/contract/index.ts';
import { scatterPlot } from '../../charts/scatterPlot.ts';
import { formatCount, formatDecimal } from '../../charts/support/format.ts';
import { chartCard, showFailure } from '../chartCard.ts';
import { channelHref, el, fillRows, renderTable, role, type TableColumn } from '../dom.ts';
import { formatDayString } from '../freshness.ts';
import { loadChannelIndex } from '../loadReports.ts';
import { startPage } from '../pageShell.ts';
import { filterChannels, type SortKey, sortChannels } from './channelQuery.ts';

const PAGE_SIZE = 50;

const number = (n: number | null) => (n === null ? '–' : n.toLocaleString('en-US'));
const columns: (TableColumn<ChannelIndexEntry> & { key: SortKey })[] = [
  {
    key: 'title',
    label: 'Channel',
    text: (c) => c.title,
    href: (c) => channelHref(c.channelId),
    className: 'title',
  },
  { key: 'subscribers', label: 'Subscribers', numeric: true, text: (c) => number(c.subscribers) },
  { key: 'videos', label: 'Videos', numeric: true, text: (c) => number(c.videos) },
  { key: 'views', label: 'Views', numeric: true, text: (c) => number(c.views) },
  { key: 'medianViews', label: 'Median views', numeric: true, text: (c) => number(c.medianViews) },
  {
    key: 'likesPer1000',
    label: 'Likes / 1,000 views',
    numeric: true,
    text: (c) => (c.likesPer1000 === null ? '–' : formatDecimal(c.likesPer1000)),
  },
  {
    key: 'lastUpload',
    label: 'Last upload',
    numeric: true,
    text: (c) => (c.lastUpload ? formatDayString(c.lastUpload.slice(0, 10)) : '–'),
  },
];

function renderIndex(channels: readonly ChannelIndexEntry[]) {
  const section = document.querySelector<HTMLElement>('[data-table="channelIndex"]')!;
  const search = role<HTMLInputElement>(section, 'search');
  const count = role(section, 'count');
  const slot = role(section, 'table');
  const table = renderTable('Channels', columns, []);
  const body = table.tBodies[0]!;
  const more = el('button', { type: 'button', class: 'more' });
  slot.replaceChildren(table, more);
  slot.dataset.filled = '';

  let sortKey: SortKey = 'views';
  let descending = true;
  let limit = PAGE_SIZE;
  let shown: ChannelIndexEntry[] = [];

  // Header cells become sort buttons; aria-sort tells assistive technology the current order.
  const headers = [...table.tHead!.rows[0]!.cells];
  headers.forEach((th, i) => {
    const column = columns[i]!;
    const button = el('button', { type: 'button' }, column.label);
    button.addEventListener('click', () => {
      if (sortKey === column.key) descending = !descending;
      else {
        sortKey = column.key;
        descending = column.key !== 'title';
      }
      limit = PAGE_SIZE;
      update();
    });
    th.replaceChildren(button);
  });

  const update = () => {
    shown = sortChannels(filterChannels(channels, search.value), sortKey, descending);
    fillRows(body, columns, shown.slice(0, limit));
    headers.forEach((th, i) => {
      if (columns[i]!.key === sortKey) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    const query = search.value.trim();
    count.textContent =
      shown.length === 0
        ? `No channel matches "${query}".`
        : `Showing ${Math.min(limit, shown.length).toLocaleString('en-US')} of ${shown.length.toLocaleString('en-US')} ${query ? 'matching ' : ''}channels`;
    more.hidden = shown.length <= limit;
    more.textContent = `Show ${Math.min(PAGE_SIZE, shown.length - limit).toLocaleString('en-US')} more`;
    section.dataset.state = 'drawn';
  };
  more.addEventListener('click', () => {
    limit += PAGE_SIZE;
    update();
  });
  search.addEventListener('input', () => {
    limit = PAGE_SIZE;
    update();
  });
  search.disabled = false;
  update();
}

function renderScatter(channels: readonly ChannelIndexEntry[]) {
  const card = chartCard('channelScatter');
  if (channels.length === 0) {
    card.showNotice('info', 'No channels have been loaded yet.');
    return;
  }
  card.showChart(
    (width) =>
      scatterPlot(
        channels.map((c) => ({ x: c.videos, y: c.medianViews, label: c.title })),
        {
          width,
          height: 340,
          label: 'Channels by number of videos and median views per video',
          xLabel: 'videos',
          yLabel: 'median views',
        },
      ),
    () =>
      renderTable(
        'Channels by number of videos and median views per video',
        [
          { label: 'Channel', text: (c) => c.title, className: 'title' },
          { label: 'Videos', numeric: true, text: (c) => number(c.videos) },
          { label: 'Median views', numeric: true, text: (c) => number(c.medianViews) },
        ],
        channels,
      ),
  );
  card.setSubtitle(
    `Each dot is one of ${formatCount(channels.length)} channels: how many videos it has, against its median views per video.`,
  );
}

/** Entry point of channels.html. */
export function startChannelsPage() {
  return startPage(async ({ data }) => {
    try {
      const report = await loadChannelIndex(data);
      renderIndex(report.channels);
      renderScatter(report.channels);
    } catch (error) {
      const section = document.querySelector<HTMLElement>('[data-table="channelIndex"]')!;
      role(section, 'count').textContent = '';
      role(section, 'table').dataset.filled = '';
      role(section, 'table').replaceChildren(
        el('p', { class: 'notice warn', role: 'status' }, (error as Error).message),
      );
      showFailure(chartCard('channelScatter'), error);
    }
  });
}

import type { ChannelIndexEntry } from '../../../../db/reports/contract/index.ts';
import { scatterPlot } from '../../charts/scatterPlot.ts';
import type { ChannelsMessages, ChartMessages, CommonMessages } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/languages.ts';
import { chartCard, showFailure } from '../chartCard.ts';
import { channelHref, el, fillRows, renderTable, role, type TableColumn } from '../dom.ts';
import { describeDataError } from '../errors.ts';
import { loadChannelIndex } from '../loadReports.ts';
import { onTextInput } from '../onTextInput.ts';
import { startPage } from '../pageShell.ts';
import type { SiteLocale } from '../siteLocale.ts';
import {
  filterChannels,
  readIndexQuery,
  type SortKey,
  sortChannels,
  writeIndexQuery,
} from './channelQuery.ts';

const PAGE_SIZE = 50;

interface Ctx extends SiteLocale {
  readonly t: ChannelsMessages;
}

function indexColumns({ format: f, t, lang }: Ctx): (TableColumn<ChannelIndexEntry> & { key: SortKey })[] {
  const number = (n: number | null) => (n === null ? '–' : f.whole(n));
  return [
    {
      key: 'title',
      label: t.channel,
      text: (c) => c.title,
      href: (c) => channelHref(c.channelId, lang),
      className: 'title',
    },
    { key: 'subscribers', label: t.subscribers, numeric: true, text: (c) => number(c.subscribers) },
    { key: 'videos', label: t.videos, numeric: true, text: (c) => number(c.videos) },
    { key: 'views', label: t.views, numeric: true, text: (c) => number(c.views) },
    { key: 'medianViews', label: t.medianViews, numeric: true, text: (c) => number(c.medianViews) },
    {
      key: 'likesPer1000',
      label: t.likesPer1000,
      numeric: true,
      text: (c) => (c.likesPer1000 === null ? '–' : f.decimal(c.likesPer1000)),
    },
    {
      key: 'lastUpload',
      label: t.lastUpload,
      numeric: true,
      text: (c) => (c.lastUpload ? f.day(new Date(c.lastUpload)) : '–'),
    },
  ];
}

function renderIndex(channels: readonly ChannelIndexEntry[], l: Ctx) {
  const { format: f, t } = l;
  const columns = indexColumns(l);
  const section = document.querySelector<HTMLElement>('[data-table="channelIndex"]')!;
  const search = role<HTMLInputElement>(section, 'search');
  const count = role(section, 'count');
  const slot = role(section, 'table');
  const table = renderTable(t.tableCaption, columns, []);
  const body = table.tBodies[0]!;
  const more = el('button', { type: 'button', class: 'more' });
  slot.replaceChildren(table, more);
  slot.dataset.filled = '';

  // The link says what to search and how to sort, so a copied address reopens the same list.
  const fromLink = readIndexQuery(location.search);
  let sortKey: SortKey = fromLink.sort;
  let descending = fromLink.descending;
  let limit = PAGE_SIZE;
  let shown: ChannelIndexEntry[] = [];
  search.value = fromLink.query;
  const collator = new Intl.Collator(l.lang, { sensitivity: 'base', numeric: true });

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
    const query = search.value.trim();
    shown = sortChannels(filterChannels(channels, query), sortKey, descending, collator);
    fillRows(body, columns, shown.slice(0, limit));
    headers.forEach((th, i) => {
      if (columns[i]!.key === sortKey) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    count.textContent =
      shown.length === 0
        ? t.noMatch(query)
        : t.showing(
            f.whole(Math.min(limit, shown.length)),
            shown.length,
            f.whole(shown.length),
            query !== '',
          );
    more.hidden = shown.length <= limit;
    more.textContent = t.showMore(f.whole(Math.min(PAGE_SIZE, shown.length - limit)));
    const next = writeIndexQuery(location.search, { query, sort: sortKey, descending });
    if (next !== location.search)
      history.replaceState(null, '', `${location.pathname}${next}${location.hash}`);
    section.dataset.state = 'drawn';
  };
  more.addEventListener('click', () => {
    limit += PAGE_SIZE;
    update();
  });
  onTextInput(search, () => {
    limit = PAGE_SIZE;
    update();
  });
  search.disabled = false;
  update();
}

function renderScatter(channels: readonly ChannelIndexEntry[], l: Ctx) {
  const { format: f, t } = l;
  const card = chartCard('channelScatter');
  if (channels.length === 0) {
    card.showNotice('info', t.noChannels);
    return;
  }
  card.showChart(
    (width) =>
      scatterPlot(
        channels.map((c) => ({ x: c.videos, y: c.medianViews, label: c.title })),
        {
          width,
          height: 340,
          label: t.scatterLabel,
          xLabel: t.videosAxis,
          yLabel: t.medianViewsAxis,
          locale: l.chart,
        },
      ),
    () =>
      renderTable(
        t.scatterLabel,
        [
          { label: t.channel, text: (c) => c.title, className: 'title' },
          { label: t.videos, numeric: true, text: (c) => f.whole(c.videos) },
          { label: t.medianViews, numeric: true, text: (c) => f.whole(c.medianViews) },
        ],
        channels,
      ),
  );
  card.setSubtitle(t.scatterSub(l.common.channelsCount(channels.length, f.count(channels.length))));
}

/** Entry point of channels.html and its translations (see src/pages). */
export function startChannelsPage(messages: {
  lang: Lang;
  charts: ChartMessages;
  common: CommonMessages;
  channels: ChannelsMessages;
}) {
  return startPage({ ...messages, page: 'channels' }, async ({ data, locale }) => {
    const l: Ctx = { ...locale, t: messages.channels };
    try {
      const report = await loadChannelIndex(data);
      renderIndex(report.channels, l);
      renderScatter(report.channels, l);
    } catch (error) {
      const section = document.querySelector<HTMLElement>('[data-table="channelIndex"]')!;
      role(section, 'count').textContent = '';
      role(section, 'table').dataset.filled = '';
      role(section, 'table').replaceChildren(
        el('p', { class: 'notice warn', role: 'status' }, describeDataError(error, l.common)),
      );
      showFailure(chartCard('channelScatter'), error, l.common);
    }
  });
}

import { barChart, timeSeries } from '../../site/src/charts/index.ts';
import { scatterPoints } from '../shared/scatterPoints.ts';
import { brushableScatter } from './brushableScatter.ts';
import { byId, el, widthOf } from './dom.ts';
import { type Ui, view } from './explorerView.ts';

/** The comparison: each channel's views over the filtered videos. */
export function renderCompare({ locale }: Ui) {
  const { t, format: f } = locale;
  const box = byId('compare');
  const rows = view.parts.compare ?? [];
  if (!rows.length) {
    box.replaceChildren(el('p', { class: 'note' }, t.pickChannels));
    return;
  }
  box.replaceChildren(
    barChart(
      rows.map((r) => ({
        label: r.title,
        value: r.totalViews,
        details: [
          t.videos(r.videos, f.count(r.videos)),
          t.medianViews(f.count(r.medianViews)),
          ...(r.medianDuration !== null ? [t.medianLength(f.duration(r.medianDuration))] : []),
        ],
      })),
      { width: widthOf(box), label: t.compareLabel, unit: t.views, locale: locale.chart },
    ),
  );
}

/**
 * The scatter, or why it is empty: a length filter on data whose videos have no known length
 * (the 2017 trending set) says so and offers to remove the filter, as the site's chart does.
 */
export function renderScatter(ui: Ui) {
  const { t, format: f } = ui.locale;
  const box = byId('scatter');
  const scatter = view.parts.scatter;
  const points = scatter ? scatterPoints(scatter) : [];
  const note = byId('scatter-note');
  const empty = byId('empty-note');
  const removeLength = byId('remove-length');
  byId('clear-brush').hidden = view.state.brush === null;
  const filters = view.state.filters;
  const byLength = filters.minDuration !== null || filters.maxDuration !== null;
  if (!scatter || !points.length) {
    note.textContent = '';
    box.replaceChildren();
    box.hidden = true;
    empty.hidden = false;
    const unknown = scatter?.unknownDuration ?? 0;
    byId('empty-text').textContent = !byLength
      ? t.noMatch
      : unknown > 0
        ? t.noDurations(t.videos(unknown, f.count(unknown)))
        : `${t.noMatch} ${t.lengthFilterNote}`;
    removeLength.hidden = !byLength;
    return;
  }
  box.hidden = false;
  empty.hidden = true;
  const total = t.videos(scatter.total, f.count(scatter.total));
  note.textContent =
    scatter.total > points.length ? t.drawnOf(total, f.count(points.length)) : t.matchCount(total);
  box.replaceChildren(
    brushableScatter(points, new Map(Object.entries(view.channelTitles)), view.state.brush, {
      width: widthOf(box),
      height: 360,
      locale: ui.locale,
      onBrush: (region) => ui.send({ brush: region }),
      channels: view.state.channels,
    }),
  );
}

let shownVideo: string | null = null;

/** A video's views day by day; the panel is brought into view when a video is opened. */
export function renderVideo({ locale }: Ui) {
  const { t, format: f } = locale;
  const panel = byId('video-panel');
  const video = view.parts.video;
  panel.hidden = !video;
  if (!video) {
    shownVideo = null;
    return;
  }
  byId('video-heading').textContent = video.title;
  byId('video-meta').textContent = t.publishedOn(video.channelTitle, f.day(new Date(video.publishedAt)));
  const box = byId('video-chart');
  const daily = video.days.filter((d) => d.gained !== null);
  box.replaceChildren(
    daily.length
      ? timeSeries(
          daily.map((d) => ({ date: new Date(`${d.day}T00:00:00Z`), value: Math.max(0, d.gained!) })),
          {
            width: widthOf(box),
            height: 220,
            label: t.dailyViewsOf(video.title),
            unit: t.views,
            yLabel: t.viewsPerDay,
            area: true,
            // Snapshot days are calendar days: shown as they are, whatever the zone.
            formatDate: (d) => f.calendarDay(d.toISOString()),
            locale: locale.utcChart,
          },
        )
      : el('p', { class: 'note' }, t.noDailyViews),
  );
  if (shownVideo !== video.videoId) {
    shownVideo = video.videoId;
    // Below the table on a phone, the panel would open out of sight.
    panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
    panel.focus({ preventScroll: true });
  }
}

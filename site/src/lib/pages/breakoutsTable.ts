import type { ChannelReport } from '../../../../db/reports/contract/index.ts';
import { el, fillRows, renderTable, role, type TableColumn } from '../dom.ts';
import type { ChannelContext } from './channelPage.ts';
import { describeScore, sameAgeScores } from './channelPerformance.ts';

/** Breakout rows drawn at first; the rest on request. */
const FIRST_BREAKOUTS = 20;

/** The channel's breakout videos, the most viewed first. */
export function renderBreakouts(report: ChannelReport, l: ChannelContext) {
  const { format: f, t } = l;
  const section = document.querySelector<HTMLElement>('[data-table="breakouts"]')!;
  const { breakouts, breakoutMultiplier } = report;
  role(section, 'subtitle').textContent = t.breakoutsLifetimeSub(
    breakoutMultiplier,
    f.count(report.channel.medianViews),
  );
  // The lifetime basis is kept; where a video has a score at equal age, that one is shown too.
  const scores = sameAgeScores(report);
  const slot = role(section, 'table');
  if (breakouts.length === 0) {
    slot.replaceChildren(el('p', { class: 'notice info', role: 'status' }, t.noBreakouts));
  } else {
    // A big channel can have thousands of breakouts (3,014 for the busiest of 10,000 generated
    // channels): building all their rows up front cost 0.5 s of main-thread time in Lighthouse.
    const columns: TableColumn<ChannelReport['breakouts'][number]>[] = [
      { label: t.video, text: (b) => b.title, className: 'title' },
      { label: t.views, numeric: true, text: (b) => f.whole(b.views) },
      { label: t.timesLifetimeMedian, numeric: true, text: (b) => `${f.decimal(b.medianMultiple)}×` },
      {
        label: t.sameAgeColumn,
        text: (b) => {
          const score = scores.get(b.videoId);
          return score ? describeScore(score, l) : '–';
        },
      },
    ];
    const total = t.breakoutVideos(breakouts.length, f.count(breakouts.length));
    const table = renderTable(
      breakouts.length > FIRST_BREAKOUTS ? t.firstBreakouts(total, FIRST_BREAKOUTS) : total,
      columns,
      breakouts.slice(0, FIRST_BREAKOUTS),
    );
    slot.replaceChildren(table);
    if (breakouts.length > FIRST_BREAKOUTS) {
      const more = el(
        'button',
        { type: 'button', class: 'more' },
        l.common.showAll(f.count(breakouts.length)),
      );
      more.addEventListener('click', () => {
        fillRows(table.tBodies[0]!, columns, breakouts);
        table.caption!.textContent = total;
        more.remove();
      });
      slot.append(more);
    }
  }
  slot.dataset.filled = '';
  section.dataset.state = 'drawn';
}

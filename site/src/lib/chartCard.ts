import type { CommonMessages } from '../i18n/catalogue.ts';
import { role } from './dom.ts';
import { DataInvalidError, DataMissingError, describeDataError } from './errors.ts';

export type NoticeKind = 'info' | 'warn' | 'error';

export interface ChartCard {
  readonly root: HTMLElement;
  /**
   * Draws `draw(width)` now and again whenever the card's width changes. `table` is the data
   * table alternative; given as a function it is built the first time the reader opens it (a
   * 10,000-row table would otherwise cost more than the chart).
   */
  showChart(draw: (width: number) => SVGSVGElement, table: HTMLTableElement | (() => HTMLTableElement)): void;
  /** Shows a message instead of the chart (and hides the chart and table). */
  showNotice(kind: NoticeKind, message: string): void;
  setSubtitle(text: string): void;
}

/** The card `<section data-chart="<id>">` rendered by ChartCard.astro. */
export function chartCard(id: string, doc: Document = document): ChartCard {
  const root = doc.querySelector<HTMLElement>(`[data-chart="${id}"]`);
  if (!root) throw new Error(`page markup has no chart card "${id}"`);
  const chart = role(root, 'chart');
  const notice = role(root, 'notice');
  const tableAlt = role<HTMLDetailsElement>(root, 'table-alt');
  const tableSlot = role(root, 'table');
  let observer: ResizeObserver | undefined;
  return {
    root,
    showChart(draw, table) {
      chart.classList.remove('loading');
      notice.hidden = true;
      let lastWidth = 0;
      let frame = 0;
      const render = () => {
        frame = 0;
        const width = Math.floor(chart.clientWidth);
        if (width <= 0 || width === lastWidth) return;
        lastWidth = width;
        chart.replaceChildren(draw(width));
      };
      render();
      // Re-render on width changes (window resize, rotation); at most once per frame.
      observer?.disconnect();
      observer = new ResizeObserver(() => {
        if (!frame) frame = requestAnimationFrame(render);
      });
      observer.observe(chart);
      if (typeof table === 'function') {
        tableSlot.replaceChildren();
        const build = () => {
          if (tableAlt.open && !tableSlot.firstChild) tableSlot.replaceChildren(table());
        };
        tableAlt.addEventListener('toggle', build);
        build();
      } else {
        tableSlot.replaceChildren(table);
      }
      tableAlt.hidden = false;
      root.dataset.state = 'drawn';
    },
    showNotice(kind, message) {
      observer?.disconnect();
      chart.classList.remove('loading');
      chart.replaceChildren();
      tableAlt.hidden = true;
      notice.className = `notice ${kind}`;
      notice.textContent = message;
      notice.hidden = false;
      root.dataset.state = kind === 'info' ? 'unknown' : 'unavailable';
    },
    setSubtitle(text) {
      role(root, 'subtitle').textContent = text;
    },
  };
}

/** The message a card shows when its data failed to load, in the reader's language. */
export function failureMessage(error: unknown, t: CommonMessages): { kind: NoticeKind; message: string } {
  const detail = describeDataError(error, t);
  if (error instanceof DataMissingError) return { kind: 'warn', message: t.willAppear(detail) };
  if (error instanceof DataInvalidError) return { kind: 'error', message: t.notDrawn(detail) };
  return { kind: 'error', message: t.couldNotDraw(detail) };
}

/** Shows a failure on the card, logging the detail for whoever opens the console. */
export function showFailure(card: ChartCard, error: unknown, t: CommonMessages) {
  const { kind, message } = failureMessage(error, t);
  console.error(error);
  card.showNotice(kind, message);
}

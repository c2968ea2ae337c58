import { type Lang, pageFile } from '../i18n/languages.ts';

/**
 * Small DOM helpers. Every piece of text goes in through textContent: titles and descriptions
 * come from YouTube and are untrusted, so nothing here ever parses a string as HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The element with `data-role="<role>"` inside `root`; throws when the page markup lacks it. */
export function role<T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T {
  const found = root.querySelector<T>(`[data-role="${name}"]`);
  if (!found) throw new Error(`page markup has no [data-role="${name}"]`);
  return found;
}

export interface TableColumn<R> {
  readonly label: string;
  readonly numeric?: boolean;
  /** The cell's text. */
  readonly text: (row: R) => string;
  /** Makes the cell a link. */
  readonly href?: (row: R) => string | undefined;
  readonly className?: string;
}

/** A plain data table with a caption; rows are rendered as text. */
export function renderTable<R>(
  caption: string,
  columns: readonly TableColumn<R>[],
  rows: readonly R[],
): HTMLTableElement {
  const table = el('table');
  table.append(el('caption', {}, caption));
  const head = el('tr');
  for (const column of columns) {
    head.append(el('th', { scope: 'col', class: column.numeric ? 'num' : undefined }, column.label));
  }
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  fillRows(body, columns, rows);
  table.append(body);
  return table;
}

/** Replaces a table body's rows. */
export function fillRows<R>(
  body: HTMLTableSectionElement,
  columns: readonly TableColumn<R>[],
  rows: readonly R[],
) {
  const fragment = document.createDocumentFragment();
  for (const row of rows) {
    const tr = el('tr');
    for (const column of columns) {
      const td = el('td', { class: column.numeric ? 'num' : column.className });
      const text = column.text(row);
      const href = column.href?.(row);
      if (href) td.append(el('a', { href }, text));
      else td.textContent = text;
      // Long titles are cut by CSS (one line, ellipsis); the hover shows the whole text.
      if (column.className === 'title') td.title = text;
      tr.append(td);
    }
    fragment.append(tr);
  }
  body.replaceChildren(fragment);
}

/** Link to a channel's page in the reader's language (relative, so it works under any sub-path). */
export function channelHref(channelId: string, lang: Lang): string {
  return `./${pageFile('channel', lang)}?id=${encodeURIComponent(channelId)}`;
}

// What the page says about the sign-in, the session and the data's freshness, in the reader's
// language (the strings are the explorer section of site/src/i18n's catalogues).
import type { ExplorerMessages } from '../../site/src/i18n/catalogue.ts';
import { el } from './dom.ts';

/** A reader this far behind the primary is worth a word; below it the lag is noise. */
export const LAG_NOTICE_SECONDS = 5;

/** The freshness notice for a view's lag, or null when there is nothing to say. */
export function lagNotice(lagSeconds: number | null | undefined, t: ExplorerMessages): string | null {
  if (lagSeconds === null || lagSeconds === undefined || lagSeconds < LAG_NOTICE_SECONDS) return null;
  return t.behind(Math.round(lagSeconds));
}

/** "Signed in as …" and the sign-out link in `box`; hidden when sign-in is off. */
export function renderUser(
  box: HTMLElement,
  user: { name: string } | null,
  signOutUrl: string | null,
  t: ExplorerMessages,
): void {
  box.hidden = !user;
  box.replaceChildren(
    ...(user ? [t.signedInAs(user.name)] : []),
    ...(user && signOutUrl ? [' · ', el('a', { href: signOutUrl, class: 'sign-out' }, t.signOut)] : []),
  );
}

/** The notices line: each notice a sentence; hidden when there is none. */
export function renderNotices(
  box: HTMLElement,
  notices: { lagSeconds: number | null; resumable: boolean },
  t: ExplorerMessages,
): void {
  const lines = [lagNotice(notices.lagSeconds, t), notices.resumable ? null : t.notResumable].filter(
    (line): line is string => line !== null,
  );
  box.hidden = lines.length === 0;
  box.textContent = lines.join(' ');
}

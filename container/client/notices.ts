// What the page says about the sign-in, the session and the data's freshness. Every string is
// here, in one place, for translation.
import { el } from './dom.ts';

/** A reader this far behind the primary is worth a word; below it the lag is noise. */
export const LAG_NOTICE_SECONDS = 5;

export const NOTICE_TEXT = {
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  behind: (seconds: number) => `Data may be ${seconds} s behind.`,
  notResumable:
    'The session store is unavailable: this session is kept on this server only and cannot be resumed on another.',
};

/** The freshness notice for a view's lag, or null when there is nothing to say. */
export function lagNotice(lagSeconds: number | null | undefined): string | null {
  if (lagSeconds === null || lagSeconds === undefined || lagSeconds < LAG_NOTICE_SECONDS) return null;
  return NOTICE_TEXT.behind(Math.round(lagSeconds));
}

/** "Signed in as …" and the sign-out link in `box`; hidden when sign-in is off. */
export function renderUser(box: HTMLElement, user: { name: string } | null, signOutUrl: string | null): void {
  box.hidden = !user;
  box.replaceChildren(
    ...(user ? [NOTICE_TEXT.signedInAs(user.name)] : []),
    ...(user && signOutUrl
      ? [' · ', el('a', { href: signOutUrl, class: 'sign-out' }, NOTICE_TEXT.signOut)]
      : []),
  );
}

/** The notices line: each notice a sentence; hidden when there is none. */
export function renderNotices(
  box: HTMLElement,
  notices: { lagSeconds: number | null; resumable: boolean },
): void {
  const lines = [lagNotice(notices.lagSeconds), notices.resumable ? null : NOTICE_TEXT.notResumable].filter(
    (line): line is string => line !== null,
  );
  box.hidden = lines.length === 0;
  box.textContent = lines.join(' ');
}

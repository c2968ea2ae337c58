import { formatAge, formatDayString, formatInstant } from '../freshness.ts';
import { loadReport } from '../loadReports.ts';
import { startPage } from '../pageShell.ts';

function setFact(name: string, text: string) {
  const dd = document.querySelector<HTMLElement>(`[data-fact="${name}"]`);
  if (dd) dd.textContent = text;
}

/** Entry point of about.html: the manifest's facts, and the totals when the overview loads. */
export function startAboutPage() {
  return startPage(async ({ data }) => {
    const m = data.manifest;
    setFact('dataAsOf', m.dataAsOf ? formatDayString(m.dataAsOf) : 'no statistics loaded yet');
    setFact(
      'generatedAt',
      `${formatInstant(m.generatedAt)} (${formatAge(Date.now() - new Date(m.generatedAt).getTime())})`,
    );
    setFact('generation', m.generation);
    setFact('schemaVersion', `version ${m.schemaVersion}`);
    setFact('channels', m.channels.count.toLocaleString('en-US'));
    try {
      const overview = await loadReport(data, 'overview');
      setFact('videos', overview.totals.videos.toLocaleString('en-US'));
    } catch (error) {
      setFact('videos', `not available (${(error as Error).message})`);
    }
  });
}

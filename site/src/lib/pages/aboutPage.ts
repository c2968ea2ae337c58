import type { AboutMessages, ChartMessages, CommonMessages } from '../../i18n/catalogue.ts';
import type { Lang } from '../../i18n/languages.ts';
import { describeDataError } from '../errors.ts';
import { loadReport } from '../loadReports.ts';
import { startPage } from '../pageShell.ts';

function setFact(name: string, text: string) {
  const dd = document.querySelector<HTMLElement>(`[data-fact="${name}"]`);
  if (dd) dd.textContent = text;
}

/** Entry point of about.html and its translations: the manifest's facts, and the totals when the overview loads. */
export function startAboutPage(messages: {
  lang: Lang;
  charts: ChartMessages;
  common: CommonMessages;
  about: AboutMessages;
}) {
  const t = messages.about;
  return startPage({ ...messages, page: 'about' }, async ({ data, locale: { format: f, common } }) => {
    const m = data.manifest;
    setFact('dataAsOf', m.dataAsOf ? f.calendarDay(m.dataAsOf) : t.noStatistics);
    const generated = new Date(m.generatedAt);
    setFact('generatedAt', `${f.instant(generated)} (${f.ago(Date.now() - generated.getTime())})`);
    setFact('generation', m.generation);
    setFact('schemaVersion', t.version(m.schemaVersion));
    setFact('channels', f.whole(m.channels.count));
    try {
      const overview = await loadReport(data, 'overview');
      setFact('videos', f.whole(overview.totals.videos));
    } catch (error) {
      setFact('videos', t.notAvailable(describeDataError(error, common)));
    }
  });
}

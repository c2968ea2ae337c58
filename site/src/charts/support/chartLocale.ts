import type { ChartMessages } from '../../i18n/catalogue.ts';
import type { Formatters } from '../../i18n/formatters.ts';

/**
 * What a chart needs from the page's language: its number and date formatters (with the reader's
 * time zone) and the few words charts write themselves ("log scale", "fewer", "more").
 */
export interface ChartLocale {
  readonly format: Formatters;
  readonly text: ChartMessages;
}

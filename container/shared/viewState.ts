/**
 * What a user is looking at: the state of one explorer session. The server owns it; the browser
 * mirrors it in the address bar (see `viewStateUrl.ts`) so that a link reopens the same view.
 */
import { z } from 'zod';
import { isTimeZone } from '../../site/src/i18n/timeZones.ts';
import {
  inYearRange,
  isCalendarDay,
  isChannelId,
  MAX_CATEGORY,
  MAX_CHANNELS,
  MAX_DURATION_SECONDS,
  MAX_PAGE,
  MAX_TITLE_QUERY,
  SORT_COLUMNS,
  VIDEO_ID,
} from './viewDefaults.ts';

export {
  applyPatch,
  DEFAULT_STATE,
  EMPTY_FILTERS,
  MAX_CHANNELS,
  PAGE_SIZE,
  SORT_COLUMNS,
} from './viewDefaults.ts';

// The rules live in viewDefaults.ts, zod-free, so the page can check an edited link the same way.
const YEAR_RANGE = 'dates must be in year 0001 to 9999';
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(inYearRange, YEAR_RANGE)
  .refine(isCalendarDay, 'not a real calendar date');
const isoDateTime = z.iso.datetime().refine(inYearRange, YEAR_RANGE);

// Channel ids are YouTube's `UC...` ids or ids the loader derives from a title: any short text
// without control characters.
const channelId = z.string().min(1).max(200).refine(isChannelId, 'control characters are not allowed');
const videoId = z.string().regex(VIDEO_ID, 'expected a YouTube video id');
const seconds = z.int().min(0).max(MAX_DURATION_SECONDS);

export const filtersSchema = z
  .object({
    /** First publish day, inclusive, in the state's time zone. */
    from: isoDate.nullable(),
    /** Last publish day, inclusive, in the state's time zone. */
    to: isoDate.nullable(),
    minDuration: seconds.nullable(),
    maxDuration: seconds.nullable(),
    category: z.int().min(0).max(MAX_CATEGORY).nullable(),
    /** Words that must all occur somewhere in the title (any script; case and width ignored). */
    title: z.string().max(MAX_TITLE_QUERY),
  })
  .strict();

/** A rectangle brushed on the scatter, in data units: publish time and views. */
export const brushSchema = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
    minViews: z.number().min(0).max(1e13),
    maxViews: z.number().min(0).max(1e13),
  })
  .strict();

export const sortSchema = z
  .object({ column: z.enum(SORT_COLUMNS), direction: z.enum(['asc', 'desc']) })
  .strict();

const stateShape = {
  channels: z
    .array(channelId)
    .max(MAX_CHANNELS, `compare at most ${MAX_CHANNELS} channels`)
    .refine((ids) => new Set(ids).size === ids.length, 'a channel is listed twice'),
  filters: filtersSchema,
  brush: brushSchema.nullable(),
  sort: sortSchema,
  page: z.int().min(0).max(MAX_PAGE),
  video: videoId.nullable(),
  /**
   * The reader's time zone (IANA name): the day filters' days are its days. Optional so that
   * sessions saved before it existed still resume; absent means UTC.
   */
  timeZone: z.string().max(64).refine(isTimeZone, 'not a time zone').optional(),
};

function consistent(state: Partial<ViewState>, ctx: z.RefinementCtx) {
  const f = state.filters;
  if (f?.from && f.to && f.from > f.to) {
    ctx.addIssue({
      code: 'custom',
      path: ['filters', 'to'],
      message: 'the end date is before the start date',
    });
  }
  if (f && f.minDuration !== null && f.maxDuration !== null && f.minDuration > f.maxDuration) {
    ctx.addIssue({
      code: 'custom',
      path: ['filters', 'maxDuration'],
      message: 'the longest duration is shorter than the shortest',
    });
  }
  const b = state.brush;
  if (b && (b.from > b.to || b.minViews > b.maxViews)) {
    ctx.addIssue({ code: 'custom', path: ['brush'], message: 'the brushed region is empty' });
  }
}

export const viewStateSchema = z.object(stateShape).strict().superRefine(consistent);
/** A change to some parts of the state; each part given replaces that part whole. */
export const viewStatePatchSchema = z.object(stateShape).partial().strict();

export type Filters = z.infer<typeof filtersSchema>;
export type Brush = z.infer<typeof brushSchema>;
export type Sort = z.infer<typeof sortSchema>;
export type SortColumn = Sort['column'];
export type ViewState = z.infer<typeof viewStateSchema>;
export type ViewStatePatch = z.infer<typeof viewStatePatchSchema>;

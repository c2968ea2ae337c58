/**
 * What a user is looking at: the state of one explorer session. The server owns it; the browser
 * mirrors it in the address bar (see `viewStateUrl.ts`) so that a link reopens the same view.
 */
import { z } from 'zod';
import { MAX_CHANNELS, SORT_COLUMNS } from './viewDefaults.ts';

export {
  applyPatch,
  DEFAULT_STATE,
  EMPTY_FILTERS,
  MAX_CHANNELS,
  PAGE_SIZE,
  SORT_COLUMNS,
} from './viewDefaults.ts';

// PostgreSQL reads ISO dates of years 0001 to 9999 (it has no year 0000, which JavaScript takes
// for 1 BC): anything else would be saved into the session and fail every later query.
const YEAR_RANGE = 'dates must be in year 0001 to 9999';
const inYearRange = (iso: string) => /^\d{4}-/.test(iso) && !iso.startsWith('0000-');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(inYearRange, YEAR_RANGE)
  .refine((s) => {
    const time = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(s);
  }, 'not a real calendar date');
const isoDateTime = z.iso.datetime().refine(inYearRange, YEAR_RANGE);

// Channel ids are YouTube's `UC...` ids or ids the loader derives from a title: any short text
// without control characters.
const channelId = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => ![...id].some((ch) => ch.charCodeAt(0) < 32), 'control characters are not allowed');
const videoId = z.string().regex(/^[\w-]{1,64}$/, 'expected a YouTube video id');
const seconds = z
  .int()
  .min(0)
  .max(7 * 86_400);

export const filtersSchema = z
  .object({
    /** First publish day, inclusive (UTC). */
    from: isoDate.nullable(),
    /** Last publish day, inclusive (UTC). */
    to: isoDate.nullable(),
    minDuration: seconds.nullable(),
    maxDuration: seconds.nullable(),
    category: z.int().min(0).max(100_000).nullable(),
    /** Words that must all start a word of the title (prefix full-text search). */
    title: z.string().max(200),
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
  page: z.int().min(0).max(100_000),
  video: videoId.nullable(),
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

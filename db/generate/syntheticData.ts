import { createRandom, randomId } from './random.ts';
import {
  CATEGORIES,
  CHANNEL_FIRST,
  CHANNEL_SECOND,
  CHANNEL_SUFFIX,
  SHORTS_TEMPLATE,
  TAG_WORDS,
  TITLE_TEMPLATES,
  TOPICS,
} from './vocabulary.ts';

export interface GenerateShape {
  readonly channels: number;
  readonly videos: number;
  /** Daily snapshots per video, ending on `lastDay` (fewer for videos published inside the window). */
  readonly days: number;
  readonly seed: number;
  /** The newest snapshot day, 'YYYY-MM-DD'; a fixed default keeps runs reproducible. */
  readonly lastDay: string;
}

export interface SyntheticChannel {
  readonly index: number;
  readonly channelId: string;
  readonly title: string;
  readonly handle: string;
  readonly publishedAt: Date;
  readonly subscribers: number;
  /** Multiplies every video's views: some channels are simply bigger. */
  readonly popularity: number;
}

export interface SyntheticVideo {
  readonly index: number;
  readonly videoId: string;
  readonly channel: SyntheticChannel;
  readonly title: string;
  readonly description: string;
  readonly publishedAt: Date;
  readonly durationSeconds: number;
  readonly categoryId: number;
  readonly tags: string[];
  /** Views the video tends to over its life. */
  readonly lifetimeViews: number;
  /** Days until it has about 63 % of them. */
  readonly halfLifeDays: number;
  readonly likeRate: number;
  readonly commentRate: number;
}

export interface SyntheticSnapshot {
  readonly day: string;
  /** Days since the first day of the window (0 to days - 1). */
  readonly dayIndex: number;
  readonly views: number;
  readonly likes: number;
  readonly comments: number;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function dayText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Channel names are unique by construction: the index picks the words, beyond 25,000 a number. */
function channelTitle(index: number, offset: number): string {
  const i = index + offset;
  const first = CHANNEL_FIRST[i % 50]!;
  const second = CHANNEL_SECOND[Math.floor(i / 50) % 50]!;
  const suffix = CHANNEL_SUFFIX[Math.floor(i / 2500) % 10]!;
  const round = Math.floor(index / 25_000);
  return `${first} ${second}${suffix}${round > 0 ? ` ${round + 1}` : ''}`;
}

export function channelAt(shape: GenerateShape, index: number): SyntheticChannel {
  const r = createRandom(shape.seed, 'channel', index);
  const end = dayMs(shape.lastDay);
  const title = channelTitle(index, shape.seed % 25_000);
  // Channels started over the last 12 years; a typical one has a few thousand subscribers and a
  // few have millions (log-normal, sigma 2.2).
  const publishedAt = new Date(end - 30 * DAY_MS - r.next() * 12 * YEAR_MS);
  return {
    index,
    channelId: `UC${randomId(r, 22)}`,
    title,
    handle: `@${title.toLowerCase().replace(/[^a-z0-9]+/g, '')}${index}`,
    publishedAt,
    subscribers: Math.round(r.logNormal(Math.log(4000), 2.2)),
    popularity: r.logNormal(0, 1),
  };
}

/** Which channel uploads video `index`: skewed so that low-index channels upload far more. */
function channelIndexFor(shape: GenerateShape, u: number): number {
  return Math.min(shape.channels - 1, Math.floor(shape.channels * u ** 2.2));
}

function duration(r: ReturnType<typeof createRandom>): number {
  const kind = r.weighted([
    ['short', 20],
    ['regular', 65],
    ['long', 15],
  ] as const);
  if (kind === 'short') return r.int(8, 59);
  if (kind === 'regular') return Math.round(Math.min(3600, Math.max(60, r.logNormal(Math.log(600), 0.6))));
  return Math.round(Math.min(4 * 3600, Math.max(1800, r.logNormal(Math.log(3600), 0.5))));
}

export function videoAt(shape: GenerateShape, index: number): SyntheticVideo {
  const r = createRandom(shape.seed, 'video', index);
  const channel = channelAt(shape, channelIndexFor(shape, r.next()));
  const end = dayMs(shape.lastDay);
  const start = channel.publishedAt.getTime();
  // Uploads lean towards recent years (sqrt of a uniform puts more mass near the end).
  const publishedAt = new Date(start + (end + DAY_MS - 1 - start) * Math.sqrt(r.next()));
  const durationSeconds = duration(r);
  const topic = r.pick(TOPICS);
  const year = new Date(publishedAt).getUTCFullYear();
  const template = durationSeconds < 60 ? SHORTS_TEMPLATE : r.pick(TITLE_TEMPLATES);
  const title = template
    .replace('{topic}', topic[0]!.toUpperCase() + topic.slice(1))
    .replace('{year}', String(year));
  const tags = [topic, ...Array.from({ length: r.int(0, 12) }, () => r.pick(TAG_WORDS))];
  return {
    index,
    videoId: randomId(r, 11),
    channel,
    title,
    description: `${title}. ${channel.title} on ${topic}.\nFollow ${channel.handle} for more.`,
    publishedAt,
    durationSeconds,
    categoryId: r.weighted(CATEGORIES.map(([id, , w]) => [id, w] as const)),
    tags: [...new Set(tags)],
    // Heavy tail: median about 3,000 lifetime views, the top 0.1 % in the millions.
    lifetimeViews: r.logNormal(Math.log(3000), 1.9) * channel.popularity,
    halfLifeDays: r.logNormal(Math.log(7), 1),
    likeRate: Math.min(0.2, r.logNormal(Math.log(0.035), 0.5)),
    commentRate: Math.min(0.05, r.logNormal(Math.log(0.003), 0.7)),
  };
}

const dayTexts = new Map<number, string>();
/** 'YYYY-MM-DD' of a UTC midnight, cached: the snapshot loop asks for the same 90 days 100,000 times. */
function cachedDayText(ms: number): string {
  let text = dayTexts.get(ms);
  if (text === undefined) {
    text = dayText(ms);
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(ms, text);
  }
  return text;
}

/**
 * The video's daily snapshots over the window (days on or after its upload day). Views follow
 * a saturating curve plus a slow long tail; likes and comments are rates of views with daily
 * noise; every count is at least the day before's.
 */
export function snapshotsOf(shape: GenerateShape, video: SyntheticVideo): SyntheticSnapshot[] {
  const r = createRandom(shape.seed, 'snapshots', video.index);
  const end = dayMs(shape.lastDay);
  const published = video.publishedAt.getTime();
  const windowStart = end - (shape.days - 1) * DAY_MS;
  const firstDay = Math.max(windowStart, published - (published % DAY_MS));
  const out: SyntheticSnapshot[] = [];
  let views = 0;
  let likes = 0;
  let comments = 0;
  for (let day = firstDay; day <= end; day += DAY_MS) {
    const age = Math.max(0, (day + DAY_MS - published) / DAY_MS);
    const curve = 1 - Math.exp(-age / video.halfLifeDays) + 0.0004 * age;
    views = Math.max(views, Math.floor(video.lifetimeViews * curve));
    likes = Math.max(likes, Math.floor(views * video.likeRate * (1 + 0.05 * r.normal())));
    comments = Math.max(comments, Math.floor(views * video.commentRate * (1 + 0.1 * r.normal())));
    out.push({
      day: cachedDayText(day),
      dayIndex: Math.round((day - windowStart) / DAY_MS),
      views,
      likes,
      comments,
    });
  }
  return out;
}

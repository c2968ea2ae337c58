import type { Migration } from './Migration.ts';

/**
 * The core schema. Index choices, each for a query that a later part runs:
 * - videos (channel_id, published_at DESC): per-channel pages, upload cadence, the explorer's
 *   channel filter with a publish-date range (one range scan per channel).
 * - videos (published_at): uploads by month and the heatmap over all channels; date filters.
 * - videos GIN on to_tsvector('simple', title): the explorer's "words in the title" search
 *   (an indexed match instead of a scan with ILIKE).
 * - video_daily_stats PRIMARY KEY (video_id, day): views over time for one video, and the
 *   "latest snapshot per video" lookup (DISTINCT ON / ORDER BY day DESC walks it backwards).
 * - video_daily_stats (day): "what changed since day X" for incremental refresh, and dataAsOf.
 * - channel_daily_stats PRIMARY KEY (channel_id, day): a channel's history.
 * - refresh_runs (status, started_at DESC): the last successful run, for incremental refresh.
 */
export const migration: Migration = {
  version: 1,
  name: 'init',
  sql: /* sql */ `
CREATE TABLE categories (
  category_id integer PRIMARY KEY,
  title text NOT NULL,
  assignable boolean NOT NULL DEFAULT true
);

CREATE TABLE channels (
  channel_id text PRIMARY KEY,
  title text NOT NULL,
  -- The 2017 Kaggle files carry no channel id: one is derived from the title and marked here.
  id_derived boolean NOT NULL DEFAULT false,
  handle text,
  uploads_playlist_id text,
  published_at timestamptz,
  subscriber_count bigint CHECK (subscriber_count >= 0),
  view_count bigint CHECK (view_count >= 0),
  video_count bigint CHECK (video_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE videos (
  video_id text PRIMARY KEY,
  channel_id text NOT NULL REFERENCES channels (channel_id) ON DELETE CASCADE,
  title text NOT NULL,
  description text,
  published_at timestamptz NOT NULL,
  -- NULL when not known: neither Kaggle format has durations.
  duration_seconds integer CHECK (duration_seconds >= 0),
  category_id integer REFERENCES categories (category_id),
  tags text[] NOT NULL DEFAULT '{}',
  -- Latest counts, equal to the newest row in video_daily_stats.
  views bigint CHECK (views >= 0),
  likes bigint CHECK (likes >= 0),
  dislikes bigint CHECK (dislikes >= 0),
  comments bigint CHECK (comments >= 0),
  comments_disabled boolean NOT NULL DEFAULT false,
  ratings_disabled boolean NOT NULL DEFAULT false,
  removed boolean NOT NULL DEFAULT false,
  stats_day date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX videos_channel_published_idx ON videos (channel_id, published_at DESC);
CREATE INDEX videos_published_idx ON videos (published_at);
CREATE INDEX videos_title_search_idx ON videos USING gin (to_tsvector('simple', title));

CREATE TABLE video_daily_stats (
  video_id text NOT NULL REFERENCES videos (video_id) ON DELETE CASCADE,
  day date NOT NULL,
  views bigint NOT NULL CHECK (views >= 0),
  likes bigint CHECK (likes >= 0),
  dislikes bigint CHECK (dislikes >= 0),
  comments bigint CHECK (comments >= 0),
  PRIMARY KEY (video_id, day)
);
CREATE INDEX video_daily_stats_day_idx ON video_daily_stats (day);

CREATE TABLE channel_daily_stats (
  channel_id text NOT NULL REFERENCES channels (channel_id) ON DELETE CASCADE,
  day date NOT NULL,
  subscribers bigint CHECK (subscribers >= 0),
  views bigint CHECK (views >= 0),
  videos bigint CHECK (videos >= 0),
  PRIMARY KEY (channel_id, day)
);

CREATE TABLE refresh_runs (
  run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL DEFAULT 'full' CHECK (kind IN ('full', 'incremental')),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  generation text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  data_as_of timestamptz,
  reports_written integer,
  reports_unchanged integer,
  error text
);
CREATE INDEX refresh_runs_status_started_idx ON refresh_runs (status, started_at DESC);

-- Leases for work that must not run twice at once (a refresh, an ingest). A row is held while
-- expires_at is in the future; a crashed holder's lease simply runs out.
CREATE TABLE job_locks (
  name text PRIMARY KEY,
  holder text NOT NULL,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
`,
};

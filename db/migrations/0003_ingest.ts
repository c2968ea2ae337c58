import type { Migration } from './Migration.ts';

/**
 * State of the YouTube ingest (functions/ingest): which channels to track, where each channel's
 * walk of its uploads playlist stands, videos found but not yet fetched, quota spent per Pacific
 * day, and one row per run. Everything a run needs to resume after quotaExceeded is here.
 * Indexes:
 * - ingest_video_queue (source, published_at DESC): the next 50 ids to fetch, new uploads first.
 * - ingest_runs (started_at DESC): the latest runs for `tubelens status` and the docs.
 */
export const migration: Migration = {
  version: 3,
  name: 'ingest',
  sql: /* sql */ `
CREATE TABLE tracked_channels (
  channel_id text PRIMARY KEY REFERENCES channels (channel_id) ON DELETE CASCADE,
  -- The @handle the channel was added with, if any (channels.customUrl otherwise).
  handle text,
  added_at timestamptz NOT NULL DEFAULT now(),
  active boolean NOT NULL DEFAULT true,
  -- 'not_found' once channels.list stops returning the id (deleted or terminated channel).
  status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'not_found')),
  -- The walk of the whole uploads playlist, newest first. It resumes from uploads_page_token
  -- (NULL: from the top) until the last page, then uploads_complete is set and only the top
  -- pages are read for new uploads.
  uploads_complete boolean NOT NULL DEFAULT false,
  uploads_page_token text,
  last_ingested_at timestamptz
);

-- Videos seen in an uploads playlist whose details (videos.list) are not fetched yet. A video
-- moves to the videos table only with its details, so reports never see a half-known video.
CREATE TABLE ingest_video_queue (
  video_id text PRIMARY KEY,
  channel_id text NOT NULL REFERENCES channels (channel_id) ON DELETE CASCADE,
  published_at timestamptz,
  -- 'upload': found above the newest known video (a new upload); 'backfill': the history walk.
  source text NOT NULL CHECK (source IN ('upload', 'backfill')),
  discovered_at timestamptz NOT NULL
);
CREATE INDEX ingest_video_queue_order_idx ON ingest_video_queue (source DESC, published_at DESC);

-- Videos listed in an uploads playlist that videos.list does not return (private, deleted before
-- the first fetch). Remembered so the top-of-playlist scan does not find them "new" every day.
CREATE TABLE ingest_unavailable_videos (
  video_id text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);

-- Units spent per quota day. The API resets quota at midnight America/Los_Angeles, so the day
-- is the Pacific calendar date, not the UTC one.
CREATE TABLE ingest_quota_usage (
  quota_day date PRIMARY KEY,
  units_used integer NOT NULL DEFAULT 0 CHECK (units_used >= 0),
  -- Set when the API answered quotaExceeded: nothing more is sent until the next Pacific day.
  exhausted_at timestamptz
);

CREATE TABLE ingest_runs (
  run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'partial', 'failed')),
  -- Why a partial run stopped: 'quota_exceeded', 'budget_exhausted' or 'time_limit'.
  stop_reason text,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  quota_day date NOT NULL,
  units_planned integer,
  units_used integer NOT NULL DEFAULT 0,
  channels_updated integer NOT NULL DEFAULT 0,
  videos_discovered integer NOT NULL DEFAULT 0,
  videos_updated integer NOT NULL DEFAULT 0,
  videos_removed integer NOT NULL DEFAULT 0,
  plan jsonb,
  error text
);
CREATE INDEX ingest_runs_started_idx ON ingest_runs (started_at DESC);
`,
};

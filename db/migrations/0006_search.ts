import type { Migration } from './Migration.ts';

/**
 * Title search that works in every script (docs/data-model.md, "Title search").
 *
 * - `tubelens_fold(text)`: the folded form search compares, the same as `foldForSearch` in
 *   site/src/text/foldForSearch.ts: NFKD, Latin/Greek/Cyrillic combining accents removed, NFC,
 *   lower case (ｹﾞｰﾑ → ゲーム, ＡＢＣ → abc, Crème → creme; ゲ and 가 stay whole). Pure-ASCII text
 *   skips the two normalize() calls, which cost about 10 µs a title on PostgreSQL 15.
 * - `tubelens_search_key(text)`: the folded text with every non-ASCII character written three
 *   times. pg_trgm indexes runs of three characters, so a one- or two-character word could not
 *   use its index; tripled, the Japanese one-character word 猫 is the trigram 猫猫猫 and the
 *   two-character word 質問 contains 質質問 and 質問問, so the GIN index answers one- and
 *   two-character words in Japanese, Chinese, Korean and Thai too. A query is tripled the same
 *   way, so `key LIKE '%' || tubelens_search_key(term) || '%'` matches exactly when the folded
 *   title contains the folded term (a tripled character can only line up with itself).
 * - `videos.title_search` and `channels.title_search`: the key, stored (a generated column), so
 *   the index's recheck and a scan read it instead of folding every title again.
 * - GIN (title_search gin_trgm_ops) on videos: the explorer's title search. It replaces the
 *   to_tsvector('simple', title) index, which needed spaces between words.
 *
 * pg_trgm finds word characters through the database's character type: under the `C` locale it
 * sees no letters outside ASCII and extracts nothing from Japanese (the search is still right, the
 * index no help). The embedded server, CI's server and Aurora use C.UTF-8 or en_US.UTF-8.
 * pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
 */
export const migration: Migration = {
  version: 6,
  name: 'search',
  sql: /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION tubelens_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN t ~ '^[\\x20-\\x7e]*$' THEN lower(t)
    ELSE lower(normalize(regexp_replace(normalize(t, NFKD),
      '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]', '', 'g'), NFC))
  END
$$;

CREATE FUNCTION tubelens_search_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT regexp_replace(tubelens_fold(t), '([^\\x01-\\x7f])', '\\1\\1\\1', 'g')
$$;

ALTER TABLE videos ADD COLUMN title_search text GENERATED ALWAYS AS (tubelens_search_key(title)) STORED;
CREATE INDEX videos_title_trgm_idx ON videos USING gin (title_search gin_trgm_ops);
DROP INDEX videos_title_search_idx;

ALTER TABLE channels ADD COLUMN title_search text GENERATED ALWAYS AS (tubelens_search_key(title)) STORED;
`,
};

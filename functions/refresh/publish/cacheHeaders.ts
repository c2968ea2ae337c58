/** Headers every published object carries. */
export const JSON_CONTENT_TYPE = 'application/json';

/** Generation objects never change once written: cache them for a year. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * The manifest is the one object that changes: 60 s bounds how stale a page can be after a
 * refresh, while still letting CloudFront absorb bursts of readers.
 */
export const MANIFEST_CACHE = 'public, max-age=60';

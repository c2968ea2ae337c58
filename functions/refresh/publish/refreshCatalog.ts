import * as z from 'zod/mini';

/**
 * The refresh's own record of what it published (`g/<generation>/catalog.json`, named by the
 * manifest's `catalog`): for each object its key, content hash and, for a channel, the
 * fingerprint of the data it was computed from. The next run reuses an object whose hash is
 * unchanged (no rewrite), and an incremental run skips a channel whose fingerprint is unchanged.
 * It lives in the store, not the database, so it always describes the store it sits in.
 */
export const refreshCatalog = z.object({
  generation: z.string(),
  entries: z.record(
    z.string(),
    z.object({ key: z.string(), hash: z.string(), fingerprint: z.optional(z.string()) }),
  ),
});

export type RefreshCatalog = z.infer<typeof refreshCatalog>;
export type CatalogEntry = RefreshCatalog['entries'][string];

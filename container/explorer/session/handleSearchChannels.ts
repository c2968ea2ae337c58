import type { ExplorerContext } from '../explorerContext.ts';
import { channelSearchQuery } from '../queries/channelSearchQuery.ts';
import type { Connection } from './connection.ts';
import { failQuery, send } from './sendToClient.ts';

/** `searchChannels`: the channels whose title contains the text; only the latest search is answered. */
export async function handleSearchChannels(
  ctx: ExplorerContext,
  connection: Connection,
  query: string,
  requestId: number | null,
): Promise<void> {
  const seq = ++connection.searchSeq;
  try {
    const channels = await ctx.live.readOnly((db) => channelSearchQuery(db, query));
    if (seq === connection.searchSeq) send(connection, { v: 1, type: 'channels', requestId, channels });
  } catch (error) {
    failQuery(ctx, connection, error, requestId, 'the channel search');
  }
}

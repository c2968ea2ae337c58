import type { AlertEvent } from '../../db/alerts/AlertEvent.ts';

const HEADINGS = {
  outlier: 'Outlier video',
  milestone: 'Subscriber milestone',
  views7d: '7-day views',
} as const;

/** Slack's mrkdwn treats these three as markup; titles come from YouTube and are escaped. */
const mrkdwnText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * The JSON body of one event for a Slack-compatible incoming webhook: `text` (what every such
 * receiver shows, and Slack uses for notifications) and Block Kit `blocks` with a link to the
 * channel's page when the site's address is known. Extra fields say what happened for other
 * receivers (`event`).
 */
export function slackMessage(event: AlertEvent, siteUrl?: string) {
  const link = siteUrl
    ? `${siteUrl.replace(/\/?$/, '/')}channel.html?id=${encodeURIComponent(event.channelId)}`
    : undefined;
  return {
    text: event.message,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${HEADINGS[event.kind]}* · ${mrkdwnText(event.message)}${link ? `\n<${link}|${mrkdwnText(event.channelTitle)} on tubelens>` : ''}`,
        },
      },
    ],
    event: {
      key: event.key,
      kind: event.kind,
      channelId: event.channelId,
      videoId: event.videoId,
      day: event.day,
      details: event.details,
    },
  };
}

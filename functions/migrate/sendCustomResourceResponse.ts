import http from 'node:http';
import https from 'node:https';
import type { CustomResourceResponse } from './customResourceEvent.ts';
import { CustomResourceResponseError } from './errors.ts';

export interface SendOptions {
  /** Attempts in all; S3 answers a pre-signed PUT with a 5xx now and then. */
  readonly attempts?: number;
  /** Pause before the second attempt, doubled after each failure. */
  readonly backoffMs?: number;
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaults = {
  attempts: 4,
  backoffMs: 500,
  // A pre-signed S3 PUT of a few hundred bytes; anything slower is a network fault.
  timeoutMs: 10_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/** CloudFormation caps the whole response at 4,096 bytes; keep the reason well inside it. */
export const MAX_REASON_LENGTH = 1_000;

function put(url: URL, body: string, timeoutMs: number): Promise<number> {
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'PUT',
        // The URL is signed without a content type, so none may be sent (an empty one is fine).
        headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * PUTs the answer to CloudFormation's pre-signed ResponseURL, retrying network errors and 5xx.
 * Without this answer the stack waits (an hour by default) for a resource that never reports.
 */
export async function sendCustomResourceResponse(
  responseUrl: string,
  response: CustomResourceResponse,
  options: SendOptions = {},
): Promise<void> {
  const { attempts, backoffMs, timeoutMs, sleep } = { ...defaults, ...options };
  const reason =
    response.Reason.length > MAX_REASON_LENGTH
      ? `${response.Reason.slice(0, MAX_REASON_LENGTH - 1)}…`
      : response.Reason;
  const body = JSON.stringify({ ...response, Reason: reason });
  const url = new URL(responseUrl);
  let lastProblem = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const status = await put(url, body, timeoutMs);
      if (status >= 200 && status < 300) return;
      lastProblem = `HTTP ${status}`;
      // 4xx (an expired or tampered URL) will not get better by retrying.
      if (status < 500) break;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1));
  }
  throw new CustomResourceResponseError(
    `could not deliver the ${response.Status} answer for ${response.LogicalResourceId} to CloudFormation: ${lastProblem}`,
  );
}

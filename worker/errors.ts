/**
 * Errors are values with a code. Every error the Worker answers is made here and
 * rendered by `errorResponse`, so no message can carry anything but what is written here.
 */

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_eligible'
  | 'not_found'
  | 'method_not_allowed'
  | 'uri_too_long'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'upstream_unreachable'
  | 'upstream_unavailable'
  | 'upstream_auth'
  | 'rate_limited'
  | 'not_reached'
  | 'misconfigured'
  | 'not_implemented'
  | 'internal';

/** The plain, serializable form: it crosses Durable Object RPC boundaries unchanged. */
export interface ErrorValue {
  status: number;
  code: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

/** Thrown inside a request's journey; `app.onError` turns it into JSON. */
export class AppError extends Error {
  constructor(readonly value: ErrorValue) {
    super(value.message);
  }
}

export const badRequest = (message: string): AppError => new AppError({ status: 400, code: 'bad_request', message });
export const notFound = (message = 'No such resource.'): AppError => new AppError({ status: 404, code: 'not_found', message });
export const misconfigured = (message: string): AppError => new AppError({ status: 500, code: 'misconfigured', message });

export function errorResponse(error: ErrorValue, extraHeaders: Record<string, string> = {}): Response {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extraHeaders,
  };
  if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
  return new Response(JSON.stringify({ error: { code: error.code, message: error.message } }), {
    status: error.status,
    headers,
  });
}

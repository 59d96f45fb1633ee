// The one way the app talks to hersys: JSON over fetch with the session cookie, the CSRF
// header and the UI language; problems (RFC 9457) become ApiError with the fields to mark.
// A request refused because the session expired (AUTH-4) waits for the user to sign in again
// and is then sent once more, so nothing typed is lost.
//
// Only the features' typed API modules (`<feature>/api.ts`) call `request`; screens call those.
import i18n from './i18n';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

// A problem document as the server sends it (docs/openapi.yaml, Problem), with whatever else
// the problem carries (e.g. `look_alikes`).
export interface Problem {
  code?: string;
  title?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[],
    readonly body: Problem | null,
  ) {
    super(message);
  }
}

// The field errors of a failure (none unless the server named fields).
export function fieldErrorsOf(error: unknown): FieldError[] {
  return error instanceof ApiError ? error.errors : [];
}

// The message to show for any failure (ApiError or not).
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('error.unexpected');
}

// Taken from every answer that carries one (sign-in steps, /auth/session, /auth/me).
let csrfToken = '';

let reauthenticate: (() => Promise<void>) | null = null;
export function onSessionExpired(handler: (() => Promise<void>) | null) {
  reauthenticate = handler;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  // Aborts the request (a screen that no longer wants the answer).
  signal?: AbortSignal;
}

export function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  return send<T>(method, path + queryString(options.query), options, true);
}

// `?a=1&b=x`, leaving out absent values (an empty one is sent: the server judges it).
function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function send<T>(method: Method, path: string, { body, signal }: RequestOptions, mayRetry: boolean): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language === 'en' ? 'en' : 'ja',
  };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', i18n.t('error.network'), [], null);
  }
  const data = parseJson(await response.text());
  if (response.ok) {
    if (isObject(data) && typeof data.csrf_token === 'string') csrfToken = data.csrf_token;
    return data as T;
  }
  const signingIn = path.startsWith('/api/v1/auth/');
  if (response.status === 401 && mayRetry && reauthenticate && !signingIn) {
    await reauthenticate();
    return send<T>(method, path, { body, signal }, false);
  }
  const problem: Problem | null = isObject(data) ? data : null;
  throw new ApiError(
    response.status,
    typeof problem?.code === 'string' ? problem.code : `http_${response.status}`,
    typeof problem?.title === 'string' ? problem.title : i18n.t('error.unexpected'),
    Array.isArray(problem?.errors) ? problem.errors : [],
    problem,
  );
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A request body without its empty fields (null, undefined, ''): the server treats an absent
// field as not entered.
export function compact<T>(value: T): Partial<T> {
  return compactValue(value) as Partial<T>;
}
function compactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compactValue);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => [k, compactValue(v)]),
    );
  }
  return value;
}

// A file the server sends (the access log's CSV, issue 19 item 24): its body as a Blob, in the
// UI language; problems become ApiError like any other answer.
// With `body`, POSTed as JSON (criteria with personal data never go in the address; issue 14).
export async function requestFile(path: string, query?: RequestOptions['query'], body?: unknown): Promise<Blob> {
  let response: Response;
  const headers: Record<string, string> = { 'Accept-Language': i18n.language === 'en' ? 'en' : 'ja' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = csrfToken;
  }
  try {
    response = await fetch(path + queryString(query), {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('error.network'), [], null);
  }
  if (response.ok) return response.blob();
  const data = parseJson(await response.text());
  const problem: Problem | null = isObject(data) ? data : null;
  throw new ApiError(
    response.status,
    typeof problem?.code === 'string' ? problem.code : `http_${response.status}`,
    typeof problem?.title === 'string' ? problem.title : i18n.t('error.unexpected'),
    Array.isArray(problem?.errors) ? problem.errors : [],
    problem,
  );
}

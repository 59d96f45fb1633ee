// The one way the app talks to hersys: JSON over fetch with the session cookie, the CSRF
// header and the UI language; problems (RFC 9457) become ApiError with the fields to mark.
// A request refused because the session expired (AUTH-4) waits for the user to sign in again
// and is then sent once more, so nothing typed is lost.
import i18n from './i18n';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[],
    readonly body: any,
  ) {
    super(message);
  }
}

// Taken from every answer that carries one (sign-in steps, /auth/session, /auth/me).
let csrfToken = '';

let reauthenticate: (() => Promise<void>) | null = null;
export function onSessionExpired(handler: (() => Promise<void>) | null) {
  reauthenticate = handler;
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body, true);
}

async function send<T>(method: string, path: string, body: unknown, mayRetry: boolean): Promise<T> {
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
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('error.network'), [], null);
  }
  const text = await response.text();
  let data: any = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (response.ok) {
    if (data && typeof data.csrf_token === 'string') csrfToken = data.csrf_token;
    return data as T;
  }
  const signingIn = path.startsWith('/api/v1/auth/');
  if (response.status === 401 && mayRetry && reauthenticate && !signingIn) {
    await reauthenticate();
    return send<T>(method, path, body, false);
  }
  throw new ApiError(
    response.status,
    data?.code ?? `http_${response.status}`,
    data?.title ?? i18n.t('error.unexpected'),
    Array.isArray(data?.errors) ? data.errors : [],
    data,
  );
}

// A request body without its empty fields (null, undefined, ''): the server treats an absent
// field as not entered.
export function compact(value: any): any {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [k, compact(v)]));
  }
  return value;
}

// The message to show for any failure (ApiError or not).
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('error.unexpected');
}

// A message about the page or the last action, framed by its kind. Errors are announced at
// once (role="alert"); warnings and successes politely when they appear (role="status");
// information is read with the page (no live region). Field errors are not alerts: they go to
// their fields and the error summary (components/form.tsx).
import type { ReactNode } from 'react';
import { messageOf } from '../app/api';

export type AlertKind = 'error' | 'warning' | 'success' | 'info';

const roles: Record<AlertKind, 'alert' | 'status' | undefined> = {
  error: 'alert',
  warning: 'status',
  success: 'status',
  info: undefined,
};

export function Alert({ kind, children }: { kind: AlertKind; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={roles[kind]}>
      {children}
    </div>
  );
}

// The failure of a request or a load, if any: a message, or what was thrown (ApiError's
// message in the UI language). Nothing when there is none.
export function ErrorAlert({ error }: { error: unknown }) {
  if (error === undefined || error === null || error === '') return null;
  return <Alert kind="error">{typeof error === 'string' ? error : messageOf(error)}</Alert>;
}

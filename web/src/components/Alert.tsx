// A message about the page or the last action, framed by its kind. Errors are announced at
// once (role="alert"); warnings and successes politely when they appear (role="status");
// information is read with the page (no live region). Field errors are not alerts: they go to
// their fields and the error summary (components/form.tsx).
import { useEffect, useRef, type ReactNode } from 'react';
import { messageOf } from '../app/api';

export type AlertKind = 'error' | 'warning' | 'success' | 'info';

const roles: Record<AlertKind, 'alert' | 'status' | undefined> = {
  error: 'alert',
  warning: 'status',
  success: 'status',
  info: undefined,
};

// An error or a success that appears out of sight (the button far down the page, a phone) is
// scrolled to and takes the focus, so the answer to the action is seen (issue 14 item 3).
export function Alert({ kind, children }: { kind: AlertKind; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const e = box.current;
    if (!e || (kind !== 'error' && kind !== 'success')) return;
    const r = e.getBoundingClientRect();
    if (r.top >= 0 && r.bottom <= window.innerHeight) return;
    e.focus({ preventScroll: true });
    e.scrollIntoView({ block: 'center' });
  }, [kind]);
  return (
    <div className={`alert alert-${kind}`} role={roles[kind]} ref={box} tabIndex={kind === 'error' || kind === 'success' ? -1 : undefined}>
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

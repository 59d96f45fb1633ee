// A modal dialog on the native <dialog>: focus is kept inside, Escape closes it (when it may
// be closed), and the title names it for screen readers.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Modal({ open, title, onClose, children, actions }: { open: boolean; title: string; onClose?: () => void; children: ReactNode; actions: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose?.();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className="modal-body">{children}</div>
          <div className="actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}

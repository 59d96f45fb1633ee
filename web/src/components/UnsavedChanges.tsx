// Unsaved edits are never lost without a word (issue 19 item 17): a form says it has changes
// with `useUnsavedChanges(dirty)`; while any form on the screen has them, leaving it - a link,
// a case tab (the tab is in the path), Back, sign-out - asks first in an in-app dialog, and
// closing or reloading the page asks through the browser (beforeunload). One guard for the
// whole app (react-router allows one blocker), mounted by the layout.
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { Modal } from './Modal';

// What the question says when a screen has its own reason (e.g. passwords shown only once, walk
// item 12): message keys for the title, the text and the two buttons.
export interface GuardWords {
  title: string;
  help: string;
  stay: string;
  leave: string;
}

interface Guard {
  mark: (id: string, dirty: boolean, words?: GuardWords) => void;
  // Runs `proceed` at once when nothing is unsaved, else after the user agrees to discard.
  confirm: (proceed: () => void) => void;
}

const GuardContext = createContext<Guard | null>(null);

// Whether a form's values differ from those it started from, compared as JSON in which an
// empty text, null and a missing field are all "nothing" (typing and erasing is no change).
const nothingAsMissing = (_key: string, value: unknown) => (value === '' || value === null ? undefined : value);
export function isChanged(values: unknown, initial: unknown): boolean {
  return JSON.stringify(values, nothingAsMissing) !== JSON.stringify(initial, nothingAsMissing);
}

// Marks this form's edits as unsaved while `dirty`. `release()` says they were just saved: a
// navigation made right after (to the saved record) is not held.
// `words` replaces the generic question for this screen's reason.
export function useUnsavedChanges(dirty: boolean, words?: GuardWords): { release: () => void } {
  const guard = useContext(GuardContext);
  const id = useId();
  useEffect(() => {
    guard?.mark(id, dirty, words);
    return () => guard?.mark(id, false);
  }, [guard, id, dirty, words]);
  return useMemo(() => ({ release: () => guard?.mark(id, false) }), [guard, id]);
}

// For actions that are not navigations (e.g. sign-out): ask first when something is unsaved.
export function useConfirmDiscard(): (proceed: () => void) => void {
  const guard = useContext(GuardContext);
  return useCallback((proceed: () => void) => (guard ? guard.confirm(proceed) : proceed()), [guard]);
}

export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const dirty = useRef(new Set<string>());
  const ownWords = useRef(new Map<string, GuardWords>());
  const [anyDirty, setAnyDirty] = useState(false);
  const [screenWords, setScreenWords] = useState<GuardWords | undefined>(undefined);
  const [pending, setPending] = useState<(() => void) | null>(null);
  const mark = useCallback((id: string, on: boolean, words?: GuardWords) => {
    if (on) dirty.current.add(id);
    else dirty.current.delete(id);
    if (on && words) ownWords.current.set(id, words);
    else ownWords.current.delete(id);
    setAnyDirty(dirty.current.size > 0);
    setScreenWords([...ownWords.current.values()][0]);
  }, []);
  // In-app navigation: blocked only when the path or query changes (not a scroll or state).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty.current.size > 0 && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search));
  useEffect(() => {
    if (!anyDirty) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [anyDirty]);
  const guard = useMemo<Guard>(
    () => ({
      mark,
      confirm: (proceed) => (dirty.current.size > 0 ? setPending(() => proceed) : proceed()),
    }),
    [mark],
  );
  const asking = blocker.state === 'blocked' || pending !== null;
  const stay = () => {
    if (blocker.state === 'blocked') blocker.reset();
    setPending(null);
  };
  const words: GuardWords = screenWords ?? { title: 'unsaved.title', help: 'unsaved.help', stay: 'unsaved.stay', leave: 'unsaved.discard' };
  const leave = () => {
    dirty.current.clear();
    ownWords.current.clear();
    setScreenWords(undefined);
    setAnyDirty(false);
    if (blocker.state === 'blocked') blocker.proceed();
    const next = pending;
    setPending(null);
    next?.();
  };
  return (
    <GuardContext.Provider value={guard}>
      {children}
      <Modal
        open={asking}
        title={t(words.title)}
        onClose={stay}
        actions={
          <>
            <button type="button" className="primary" onClick={stay} autoFocus>
              {t(words.stay)}
            </button>
            <button type="button" className="danger" onClick={leave}>
              {t(words.leave)}
            </button>
          </>
        }
      >
        <p>{t(words.help)}</p>
      </Modal>
    </GuardContext.Provider>
  );
}

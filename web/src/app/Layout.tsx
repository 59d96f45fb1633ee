// Header (organisation, account, language, sign-out), the menu by role, and the main area.
// On a PC the menu is a side column; on phones and tablets (issue 19 item 27) the header is
// one compact row and the menu opens from a button (a disclosure: aria-expanded, Escape closes
// it and returns the focus, choosing a page closes it). The unsaved-changes guard, the page
// title and the scroll position (kept per history entry, restored by Back) live here too.
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavigationType, NavLink, useLocation, useMatches, useNavigationType } from 'react-router';
import { setLanguage } from './i18n';
import { menuOf } from './menu';
import { useSession } from './session';
import type { PageTitle } from './App';
import { UnsavedChangesGuard, useConfirmDiscard } from '../components/UnsavedChanges';

// The document title: "<page> | HER-SYS".
export function usePageTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} | ${t('app.short')}`;
  }, [title, t]);
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language" role="group" aria-label={t('app.language')}>
      <button type="button" lang="ja" aria-pressed={i18n.language === 'ja'} onClick={() => setLanguage('ja')}>
        日本語
      </button>
      <button type="button" lang="en" aria-pressed={i18n.language === 'en'} onClick={() => setLanguage('en')}>
        English
      </button>
    </div>
  );
}

function useRouteTitle(): string {
  const { t } = useTranslation();
  const location = useLocation();
  const matches = useMatches();
  const handle = matches[matches.length - 1]?.handle as { title?: PageTitle } | undefined;
  const title = handle?.title;
  if (!title) return t('app.short');
  return t(typeof title === 'function' ? title(new URLSearchParams(location.search)) : title);
}

// Scroll positions by history entry: a new page starts at the top, Back and Forward return to
// where the page was (waiting for a list that loads to be tall enough, until the user scrolls).
// The position of the entry left is the last one scrolled to before the new page was laid out
// (the new page's own clamping comes as a later scroll event).
const positions = new Map<string, number>();
function useScrollMemory() {
  const location = useLocation();
  const type = useNavigationType();
  const previous = useRef(location);
  const lastY = useRef(0);
  useEffect(() => {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    const remember = () => {
      lastY.current = window.scrollY;
    };
    window.addEventListener('scroll', remember, { passive: true });
    return () => window.removeEventListener('scroll', remember);
  }, []);
  useLayoutEffect(() => {
    const left = previous.current;
    previous.current = location;
    if (left.key === location.key) return;
    positions.set(left.key, lastY.current);
    if (type === NavigationType.Push) window.scrollTo(0, 0);
    if (type !== NavigationType.Pop) return;
    const target = positions.get(location.key);
    if (!target) return;
    let tries = 0;
    const timer = window.setInterval(() => {
      window.scrollTo(0, target);
      if (Math.abs(window.scrollY - target) < 2 || ++tries > 40) stop();
    }, 50);
    const stop = () => {
      window.clearInterval(timer);
      window.removeEventListener('wheel', stop);
      window.removeEventListener('touchstart', stop);
      window.removeEventListener('keydown', stop);
    };
    window.addEventListener('wheel', stop, { once: true });
    window.addEventListener('touchstart', stop, { once: true });
    window.addEventListener('keydown', stop, { once: true });
    return stop;
  }, [location, type]);
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <UnsavedChangesGuard>
      <Frame>{children}</Frame>
    </UnsavedChangesGuard>
  );
}

function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const location = useLocation();
  const printing = location.pathname.endsWith('/print');
  const confirmDiscard = useConfirmDiscard();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  usePageTitle(useRouteTitle());
  useScrollMemory();
  // Choosing a page closes the menu.
  const [shownFor, setShownFor] = useState(location.key);
  if (shownFor !== location.key) {
    setShownFor(location.key);
    setOpen(false);
  }
  // Escape closes the open menu wherever the focus is, and gives the focus back to its button.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div className={printing ? 'page printing' : 'page'}>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="brand-bar no-print">
        <Link to="/" className="brand">
          {t('app.short')}
        </Link>
        <span className="who">
          <span className="who-organisation">{me.organisation.name}</span>
          <span className="who-account">{me.account.display_name}</span>
        </span>
        <div className="header-tools">
          <LanguageSwitch />
          <button type="button" className="sign-out" onClick={() => confirmDiscard(() => void signOut())}>
            {t('app.sign_out')}
          </button>
        </div>
        <button type="button" ref={button} className="menu-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
          <span aria-hidden="true" className="menu-icon">
            {open ? '×' : '☰'}
          </span>
          {t('app.menu')}
        </button>
      </header>
      <div className="body">
        <nav id={menuId} className={open ? 'side no-print open' : 'side no-print'} aria-label={t('app.menu')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('home.title')}
              </NavLink>
            </li>
            {menuOf(me.may).map((item) => {
              const here = location.pathname + location.search === item.to;
              return (
                <li key={item.to}>
                  <Link to={item.to} className={here ? 'active' : undefined} aria-current={here ? 'page' : undefined}>
                    {t(item.key)}
                  </Link>
                </li>
              );
            })}
          </ul>
          <div className="menu-foot">
            <LanguageSwitch />
            <button type="button" className="sign-out" onClick={() => confirmDiscard(() => void signOut())}>
              {t('app.sign_out')}
            </button>
          </div>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

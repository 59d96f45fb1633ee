// Header (organisation, account, language, sign-out), the side menu by role, and the main area.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { setLanguage } from './i18n';
import { menuOf } from './menu';
import { useSession } from './session';

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me, signOut } = useSession();
  const location = useLocation();
  const printing = location.pathname.endsWith('/print');
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
          {me.organisation.name} ／ {me.account.display_name}
        </span>
        <div className="language" role="group" aria-label={t('app.language')}>
          <button type="button" lang="ja" aria-pressed={i18n.language === 'ja'} onClick={() => setLanguage('ja')}>
            日本語
          </button>
          <button type="button" lang="en" aria-pressed={i18n.language === 'en'} onClick={() => setLanguage('en')}>
            English
          </button>
        </div>
        <button type="button" className="sign-out" onClick={() => void signOut()}>
          {t('app.sign_out')}
        </button>
      </header>
      <div className="body">
        <nav className="side no-print" aria-label={t('app.menu')}>
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
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

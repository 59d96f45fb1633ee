// The app's frame: who is signed in (or the sign-in steps), the routes, and the dialog that
// asks for a new sign-in when the session expires while a form is open (AUTH-4).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { onSessionExpired } from './api';
import { useResource } from './useResource';
import { SessionContext } from './session';
import * as authApi from '../auth/api';
import type { Me } from '../auth/api';
import { Layout } from './Layout';
import { Home } from '../home/Home';
import { SignInFlow } from '../auth/SignInFlow';
import { Modal } from '../components/Modal';
import { CaseSearch } from '../cases/CaseSearch';
import { CaseView } from '../cases/CaseView';
import { DraftsPage } from '../cases/DraftsPage';
import { ReportPage } from '../cases/ReportPage';
import { ReportPrint } from '../cases/ReportPrint';
import { DailyPage } from '../daily/DailyPage';
import { AreaPage } from '../daily/AreaPage';
import { AccountsPage } from '../admin/AccountsPage';
import { AccessLogPage } from '../admin/AccessLogPage';
import { OrganisationsPage } from '../admin/OrganisationsPage';

export function App() {
  const { t } = useTranslation();
  // Signed in (Me), not (null), or not known yet (undefined).
  const signedIn = useResource<Me | null>(
    () =>
      authApi.session().then(
        (s) => (s.signed_in ? s : null),
        () => null,
      ),
    [],
  );
  const me = signedIn.data;
  const setMe = signedIn.set;
  const [expired, setExpired] = useState(false);
  const waiting = useRef<(() => void)[]>([]);
  useEffect(() => {
    if (!me || me.stage !== 'active') return onSessionExpired(null);
    onSessionExpired(
      () =>
        new Promise<void>((resolve) => {
          waiting.current.push(resolve);
          setExpired(true);
        }),
    );
  }, [me]);

  const session = useMemo(
    () =>
      me && {
        me,
        signOut: async () => {
          await authApi.signOut().catch(() => undefined);
          setMe(null);
          window.history.replaceState(null, '', '/');
        },
      },
    [me, setMe],
  );

  if (me === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (!me || me.stage !== 'active' || !session) {
    return (
      <div className="sign-in-page">
        <header className="brand-bar">
          <h1>{t('app.name')}</h1>
        </header>
        <main id="main">
          <SignInFlow stage={me?.stage} onActive={setMe} />
        </main>
      </div>
    );
  }
  const resumed = (next: Me) => {
    setMe(next);
    setExpired(false);
    for (const resolve of waiting.current.splice(0)) resolve();
  };
  return (
    <SessionContext.Provider value={session}>
      <BrowserRouter>
        <Layout>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/cases" element={<CaseSearch />} />
            <Route path="/cases/:id" element={<CaseView />} />
            <Route path="/reports/new" element={<ReportPage />} />
            <Route path="/reports/drafts" element={<DraftsPage />} />
            <Route path="/reports/:id/edit" element={<ReportPage />} />
            <Route path="/reports/:id/print" element={<ReportPrint />} />
            <Route path="/daily" element={<DailyPage />} />
            <Route path="/daily/area" element={<AreaPage />} />
            <Route path="/admin/accounts" element={<AccountsPage />} />
            <Route path="/admin/access-log" element={<AccessLogPage />} />
            <Route path="/admin/organisations" element={<OrganisationsPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Layout>
      </BrowserRouter>
      <Modal open={expired} title={t('session.expired')} actions={null}>
        <p>{t('session.expired_help')}</p>
        <SignInFlow loginId={me.account.login_id} onActive={resumed} />
      </Modal>
    </SessionContext.Provider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('app.not_found')}</h1>
      <a href="/">{t('app.back_home')}</a>
    </>
  );
}

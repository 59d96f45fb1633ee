// The app's frame: who is signed in (or the sign-in steps), the routes, and the dialog that
// asks for a new sign-in when the session expires while a form is open (AUTH-4). A data router
// (createBrowserRouter): each route names its page title (handle.title), and the layout's
// guard can hold a navigation while a form has unsaved edits (issue 19 items 17, 26).
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Outlet, RouterProvider, type RouteObject } from 'react-router';
import { onSessionExpired } from './api';
import { useResource } from './useResource';
import { SessionContext } from './session';
import * as authApi from '../auth/api';
import type { Me } from '../auth/api';
import { Layout, LanguageSwitch, usePageTitle } from './Layout';
import { Home } from '../home/Home';
import { SignInFlow } from '../auth/SignInFlow';
import { Modal } from '../components/Modal';
import { CaseSearch } from '../cases/CaseSearch';
import { CaseView } from '../cases/CaseView';
import { DraftsPage } from '../cases/DraftsPage';
import { InboxPage } from '../inbox/InboxPage';
import { ReportPage } from '../cases/ReportPage';
import { ReportPrint } from '../cases/ReportPrint';
import { DailyPage } from '../daily/DailyPage';
import { AreaPage } from '../daily/AreaPage';
import { AccountsPage } from '../admin/AccountsPage';
import { AccessLogPage } from '../admin/AccessLogPage';
import { AccountImportPage } from '../admin/AccountImportPage';
import { OrganisationsPage } from '../admin/OrganisationsPage';
import { TransfersPage } from '../transfers/TransfersPage';

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
    return <SignInPage stage={me?.stage} onActive={setMe} />;
  }
  const resumed = (next: Me) => {
    setMe(next);
    setExpired(false);
    for (const resolve of waiting.current.splice(0)) resolve();
  };
  return (
    <SessionContext.Provider value={session}>
      <StaffRouter />
      <Modal open={expired} title={t('session.expired')} actions={null}>
        <p>{t('session.expired_help')}</p>
        <SignInFlow loginId={me.account.login_id} onActive={resumed} />
      </Modal>
    </SessionContext.Provider>
  );
}

// Each page's title (the document title, issue 19 item 26): a message key, chosen by the query
// where one path serves two lists or forms.
export type PageTitle = string | ((query: URLSearchParams) => string);
const page = (path: string, element: ReactNode, title: PageTitle): RouteObject => ({ path, element, handle: { title } });
const routes: RouteObject[] = [
  {
    element: (
      <Layout>
        <Outlet />
      </Layout>
    ),
    children: [
      page('/', <Home />, 'home.title'),
      page('/cases', <CaseSearch />, (q) => (q.get('status') === 'none' ? 'menu.no_status' : 'search.title')),
      // The tab is in the path (issue 19 item 18): ids only, never personal data.
      page('/cases/:id/:tab?', <CaseView />, 'case.title'),
      page('/reports/new', <ReportPage />, (q) => (q.get('draft') === '1' ? 'menu.draft_report' : 'menu.new_report')),
      page('/reports/drafts', <DraftsPage />, 'drafts.title'),
      page('/inbox', <InboxPage />, 'inbox.title'),
      page('/reports/:id/edit', <ReportPage />, 'case.edit_report'),
      page('/reports/:id/print', <ReportPrint />, 'report.print'),
      page('/transfers', <TransfersPage />, 'transfers.title'),
      page('/daily', <DailyPage />, (q) => (q.get('for') ? 'daily.proxy_title' : 'daily.title')),
      page('/daily/area', <AreaPage />, 'daily.area_title'),
      page('/admin/accounts', <AccountsPage />, 'menu.accounts'),
      page('/admin/accounts/import', <AccountImportPage />, 'import.title'),
      page('/admin/access-log', <AccessLogPage />, 'menu.access_log'),
      page('/admin/organisations', <OrganisationsPage />, 'menu.organisations'),
      page('*', <NotFound />, 'app.not_found_title'),
    ],
  },
];

// One router per signed-in session, made when the session starts (it reads the address then).
function StaffRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}

// Before sign-in: the language can be chosen here too (remembered), and the page has a title.
function SignInPage({ stage, onActive }: { stage: Me['stage'] | undefined; onActive: (me: Me) => void }) {
  const { t } = useTranslation();
  usePageTitle(t('auth.sign_in'));
  return (
    <div className="sign-in-page">
      <header className="brand-bar">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </header>
      <main id="main">
        <SignInFlow stage={stage} onActive={onActive} />
      </main>
    </div>
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

// Who is signed in, and what their organisation may do on the screens. The server decides
// every access (src/identity/policy.cpp); this only chooses which menus to show.
import { createContext, useContext } from 'react';

export type Stage = 'password_change' | 'second_factor_enrolment' | 'second_factor' | 'active';
export type OrganisationKind = 'ministry' | 'prefecture' | 'health_center' | 'medical_institution' | 'follow_up' | 'lodging';

export interface Organisation {
  id: number;
  kind: OrganisationKind;
  code: string;
  name: string;
  address: string;
  parent_id: number | null;
  prefecture_code: string;
  city_health_center: boolean;
  files_daily_reports: boolean;
}

export interface Me {
  stage: Stage;
  csrf_token: string;
  account: { id: number; organisation_id: number; login_id: string; display_name: string; role: 'staff' | 'admin' };
  organisation: Organisation;
}

export interface Session {
  me: Me;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('no session');
  return session;
}

export function abilities(me: Me) {
  const kind = me.organisation.kind;
  return {
    fileReports: kind === 'medical_institution' || kind === 'health_center',
    searchCases: kind !== 'ministry',
    fileDaily: (kind === 'medical_institution' || kind === 'follow_up') && me.organisation.files_daily_reports,
    dailyArea: kind === 'health_center' || kind === 'prefecture' || kind === 'ministry',
    proxyDaily: kind === 'health_center',
    administer: me.account.role === 'admin',
    registerOrganisations: me.account.role === 'admin' && childKinds[kind] !== undefined,
  };
}

// The kinds each kind of organisation registers (src/identity/policy.cpp, may_create).
export const childKinds: Partial<Record<OrganisationKind, OrganisationKind[]>> = {
  prefecture: ['health_center'],
  health_center: ['medical_institution', 'follow_up', 'lodging'],
};

// The menu, in the order of the seeds' top page (新規登録画面).
export function menuOf(me: Me): { to: string; key: string }[] {
  const may = abilities(me);
  const items: { to: string; key: string; when: boolean }[] = [
    { to: '/daily', key: 'menu.daily', when: may.fileDaily },
    { to: '/daily/area', key: 'menu.daily_area', when: may.dailyArea },
    { to: '/reports/new', key: 'menu.new_report', when: may.fileReports },
    { to: '/reports/new?draft=1', key: 'menu.draft_report', when: may.fileReports },
    { to: '/cases', key: 'menu.cases', when: may.searchCases },
    { to: '/cases?status=none', key: 'menu.no_status', when: me.organisation.kind === 'health_center' },
    { to: '/admin/organisations', key: 'menu.organisations', when: may.registerOrganisations },
    { to: '/admin/accounts', key: 'menu.accounts', when: may.administer },
    { to: '/admin/access-log', key: 'menu.access_log', when: may.administer },
  ];
  return items.filter((i) => i.when);
}

// Today's date in Tokyo (YYYY-MM-DD), the date every form and rule uses.
export function tokyoToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(now);
}

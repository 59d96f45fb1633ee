// The menu and the top page's tasks, in the order of the seeds' top page (新規登録画面), each
// shown when the server says the caller may do it (`me.may`, GET /api/v1/auth/me).
import type { Capabilities } from '../auth/api';

export interface MenuItem {
  to: string;
  key: string;
  // The top page's explanation, when not `<key>.help`.
  help?: string;
}

export function menuOf(may: Capabilities): MenuItem[] {
  const items: (MenuItem & { when: boolean })[] = [
    { to: '/daily', key: 'menu.daily', when: may.file_daily_report },
    // Only those who may enter a report received by FAX are told they can (issue 19 item 26).
    { to: '/daily/area', key: 'menu.daily_area', when: may.read_daily_area, help: may.enter_daily_for_others ? 'menu.daily_area.help' : 'menu.daily_area.help_view' },
    { to: '/reports/new', key: 'menu.new_report', when: may.file_reports },
    { to: '/reports/new?draft=1', key: 'menu.draft_report', when: may.file_reports },
    { to: '/reports/drafts', key: 'menu.drafts', when: may.file_reports },
    { to: '/inbox', key: 'menu.inbox', when: may.confirm_reports && !may.check_reports },
    { to: '/inbox', key: 'menu.data_check', when: may.check_reports },
    { to: '/cases', key: 'menu.cases', when: may.search_cases },
    { to: '/cases?status=none', key: 'menu.no_status', when: may.cases_without_status },
    { to: '/transfers', key: 'menu.transfers', when: may.receive_transfers },
    { to: '/admin/organisations', key: 'menu.organisations', when: may.create_organisations.length > 0 },
    { to: '/admin/accounts', key: 'menu.accounts', when: may.manage_accounts },
    { to: '/admin/accounts/import', key: 'menu.account_import', when: may.manage_accounts },
    { to: '/admin/access-log', key: 'menu.access_log', when: may.read_access_log },
  ];
  return items.filter((i) => i.when).map(({ when: _, ...item }) => item);
}

import type { InboxFilter, WorkbenchCountKind } from '../app/codes';
import { labelled, type Label, type Messages } from '../app/i18n';

const filters: Record<InboxFilter, Label> = {
  unconfirmed: ['確認待ち', 'To confirm'],
  confirmed: ['確認済', 'Confirmed'],
  unchecked: ['チェック待ち', 'To check'],
  checked: ['チェック済', 'Checked'],
};

// The top page's numbers (issue 14 item 1): what each counts, with {{count}}.
const counts: Record<WorkbenchCountKind, Label> = {
  reports_to_confirm: ['保健所確認待ちの発生届', 'New reports to confirm'],
  cases_without_status: ['現在のステータスが未入力の患者', 'Cases with no current status'],
  daily_reports_missing: ['本日の日次報告が未提出の医療機関', 'Institutions without today\'s daily report'],
  drafts: ['一時保存中の発生届', 'Draft reports'],
  daily_report_due: ['本日の日次報告（未提出）', 'Today\'s daily report not filed'],
  reports_to_check: ['データチェック待ちの発生届', 'Confirmed reports to check'],
  transfers_to_receive: ['受理していない移管', 'Transfers to receive'],
};

export const messages: Messages = {
  'inbox.title': ['確認待ちの発生届', 'Reports to confirm'],
  'inbox.title_check': ['発生届のデータチェック', 'Data check of reports'],
  'inbox.help': ['管内で報告された発生届です。内容を確かめて保健所確認済にしてください。', 'Reports filed in your area. Read each one and mark it as confirmed.'],
  'inbox.help_check': ['保健所確認済の発生届です。内容を確かめてデータチェック済にしてください。', 'Reports the health centers have confirmed. Check each one and mark it as checked.'],
  'inbox.filter': ['表示', 'Show'],
  ...labelled('inbox.filter.', filters),
  'inbox.total': ['{{total}}件', '{{total}} reports'],
  'inbox.total_capped': ['{{total}}件以上', 'More than {{total}} reports'],
  'inbox.none': ['該当する発生届はありません。', 'No reports.'],
  'inbox.select': ['{{name}}を選択', 'Select {{name}}'],
  'inbox.select_all': ['すべて選択', 'Select all'],
  'inbox.select_column': ['選択', 'Select'],
  'inbox.unnamed': ['（氏名なし）', '(no name)'],
  'inbox.already_n': ['{{count}}件はすでに保健所確認済みでした。', '{{count}} already confirmed.'],
  'inbox.confirm_selected': ['選択した{{count}}件を保健所確認済にする', 'Confirm the {{count}} selected'],
  'inbox.confirmed_n': ['{{count}}件を保健所確認済にしました。', '{{count}} reports confirmed.'],
  // English singular (i18next plural form; Japanese has none).
  'inbox.confirmed_n_one': ['{{count}}件を保健所確認済にしました。', '{{count}} report confirmed.'],
  'inbox.not_confirmed': ['次の発生届は確認できませんでした。', 'These reports could not be confirmed:'],
  'inbox.open': ['内容を見る', 'Read'],
  'inbox.submitted_at': ['報告日時', 'Submitted'],
  'inbox.reporter': ['報告機関', 'Reporting institution'],
  'inbox.scope': ['届出対象', 'In scope'],
  'inbox.scope_in': ['対象', 'Yes'],
  'inbox.scope_out': ['対象外', 'No'],
  'inbox.scope_undecided': ['判定不可', 'Undecided'],
  'inbox.patient': ['患者', 'Patient'],
  'inbox.report': ['発生届の内容', 'The report'],
  'inbox.back': ['一覧に戻る', 'Back to the list'],
  'inbox.pick': ['一覧から発生届を選ぶと、ここに内容が表示されます。', 'Choose a report in the list to read it here.'],
  'inbox.confirmed_by': ['保健所確認：{{name}}（{{at}}）', 'Confirmed by {{name}} ({{at}})'],
  'inbox.checked_by': ['データチェック：{{name}}（{{at}}）', 'Checked by {{name}} ({{at}})'],
  'inbox.check': ['データチェック済にする', 'Mark as checked'],
  'inbox.checked': ['データチェック済にしました。', 'Marked as checked.'],
  'inbox.open_case': ['患者の記録を開く', 'Open the case'],
  'menu.inbox': ['確認待ちの発生届', 'Reports to confirm'],
  'menu.inbox.help': ['管内で報告された新しい発生届を読み、保健所確認済にします。', 'Read the new reports of your area and confirm them.'],
  'menu.data_check': ['発生届のデータチェック', 'Data check of reports'],
  'menu.data_check.help': ['保健所確認済の発生届を確かめ、データチェック済にします。', 'Check the reports the health centers have confirmed.'],
  'home.counts': ['本日の件数', 'Today\'s numbers'],
  'home.count_capped': ['{{count}}+', '{{count}}+'],
  ...labelled('home.count.', counts),
};

import type { DailyArea, DailyChannel } from '../app/codes';
import { labelled, type Label, type Messages } from '../app/i18n';

const channels: Record<DailyChannel, Label> = {
  online: ['オンライン', 'Online'],
  fax: ['FAX', 'FAX'],
  phone: ['電話', 'Phone'],
};
const areas: Record<DailyArea, Label> = {
  national: ['全国の合計', 'Whole country'],
  prefecture: ['都道府県内の合計', 'Prefecture'],
  health_center: ['管内の合計', 'Health center area'],
};

export const messages: Messages = {
  'daily.title': ['日次報告', 'Daily report'],
  'daily.proxy_title': ['日次報告の代理入力', 'Daily report entered on behalf'],
  'daily.proxy_for': ['{{name}}（{{code}}）からFAX・電話で届いた報告を入力します。', 'You are entering the report {{name}} ({{code}}) sent by FAX or phone.'],
  'daily.tab_report': ['報告', 'Report'],
  'daily.tab_history': ['履歴', 'History'],
  'daily.report_date': ['報告年月日：{{date}}', 'Report date: {{date}}'],
  'daily.date': ['日付', 'Date'],
  'daily.total': ['合計', 'Total'],
  'daily.note_include': ['発生届の報告数を含めた当日分の陽性者を入力します。該当者がいない欄は「0」のままにしてください。', "Enter today's positives, including those already filed by occurrence report. Leave 0 where there were none."],
  'daily.note_zero': ['陽性者がいなかった日や休診日は報告する必要はありません。', 'Days without positives, and closed days, need no report.'],
  'daily.note_once': ['1日1回しか報告できません。「報告」を押した後は取下げや訂正はできません。本日報告できなかった分は翌日に計上してください。', 'One report a day. After Submit it cannot be withdrawn or corrected; count anything missed in tomorrow\'s report.'],
  'daily.note_date': ['報告年月日は報告タブを開いた時点の日付です。入力中に日付が変わっても、この日付で報告されます。', 'The report date is the date the form was opened, even if midnight passes while you type.'],
  'daily.confirm': ['確認', 'Review'],
  'daily.confirm_title': ['確認画面', 'Review'],
  'daily.confirm_caption': ['報告する人数', 'The counts to report'],
  'daily.submit': ['報告', 'Submit'],
  'daily.done': ['本日 ({{date}}) の報告は完了しています。履歴タブよりご確認ください。', "Today's ({{date}}) report is done. See the History tab."],
  'daily.channel': ['受付方法', 'Received by'],
  ...labelled('daily.channel_', channels),
  'daily.history_caption': ['※直近1週間のデータを表示しています', 'The last seven days'],
  'daily.no_history': ['直近1週間の報告はありません。', 'No reports in the last seven days.'],
  'daily.back_to_area': ['集計画面へ戻る', 'Back to the area view'],
  'daily.area_title': ['日次報告の集計', 'Daily reports in the area'],
  'daily.area_to': ['表示する最終日', 'Up to'],
  'daily.area_days': ['日数（1〜31）', 'Days (1-31)'],
  'daily.show': ['表示', 'Show'],
  'daily.area_reporters': ['報告対象の医療機関等：{{count}}件（{{from}}〜{{to}}）', 'Institutions that report: {{count}} ({{from}} to {{to}})'],
  ...labelled('daily.area_', areas),
  'daily.reports_count': ['報告数', 'Reports'],
  'daily.missing_title': ['{{date}} の未報告：{{count}}件', 'Not yet reported on {{date}}: {{count}}'],
  'daily.missing_none': ['すべての医療機関等が報告済みです。', 'Everyone has reported.'],
  'daily.missing_more': ['ほか{{count}}件', 'and {{count}} more'],
  'daily.org_code': ['医療機関等コード', 'Code'],
  'daily.org_name': ['名称', 'Name'],
  'daily.proxy': ['代理入力', 'Enter on behalf'],
  'daily.proxy_for_name': ['{{name}} の日次報告を代理入力', 'Enter on behalf of {{name}}'],
};

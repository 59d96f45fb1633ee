// The daily report (日次報告, DAY-1..5) as the API returns it.
export interface Bracket {
  name: string;
  ja: string;
  en: string;
}
export type Counts = Record<string, number>;

export interface DailyReport {
  id: number;
  organisation_id: number;
  report_date: string;
  state: 'draft' | 'submitted';
  counts?: Counts;
  total?: number;
  channel?: 'online' | 'fax' | 'phone';
  submitted_at?: string;
}

export interface Opened extends DailyReport {
  organisation: { id: number; code: string; name: string };
  deadline: string;
  brackets: Bracket[];
}

export const slashDate = (iso: string) => iso.replace(/-/g, '/');
export const bracketLabel = (b: Bracket, language: string) => (language === 'en' ? b.en : b.ja);
export const formatCount = (n: number | undefined) => (n ?? 0).toLocaleString('ja-JP');

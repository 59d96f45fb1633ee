// The daily report (日次報告, DAY-1..5) as the API shapes it.
import { request } from '../app/api';
import type { DailyArea, DailyBracket, DailyChannel, DailyState } from '../app/codes';

// A bracket with its labels, in the order of the form (the server sends them).
export interface Bracket {
  name: DailyBracket;
  ja: string;
  en: string;
}
export type Counts = Record<DailyBracket, number>;

export interface DailyReport {
  id: number;
  organisation_id: number;
  report_date: string;
  state: DailyState;
  counts?: Counts;
  total?: number;
  channel?: DailyChannel;
  submitted_at?: string;
}

// The form opened for today (its date fixed, DAY-3), whose it is, and the brackets.
export interface Opened extends DailyReport {
  organisation: { id: number; code: string; name: string };
  deadline: string;
  brackets: Bracket[];
}

// What the form sends: each count as typed when it is not a whole number, so that the server
// names it (its rules decide; this app does not judge the counts).
export interface Submission {
  counts: Record<DailyBracket, number | string | null>;
  channel?: DailyChannel;
}

// An organisation that files daily reports, with whom to call when its report is missing.
export interface Reporter {
  id: number;
  code: string;
  name: string;
  phone: string;
  contact_person: string;
}

export interface Area {
  area: DailyArea;
  from: string;
  to: string;
  days: { date: string; counts: Counts; total: number; reports: number }[];
  reporters: number;
  missing_on: string;
  missing: Reporter[];
  missing_count: number;
  // Issue 14 item 2: who has not reported on each day of the window, newest first.
  missing_by_day: { date: string; missing_count: number; missing: Reporter[] }[];
  brackets: Bracket[];
}

export interface AreaQuery {
  date: string;
  days: number | null;
}

// Opens the caller's form, or (a health center) an institution's to enter on its behalf.
export const openDaily = (organisationId: number | null, signal?: AbortSignal) =>
  request<Opened>('POST', '/api/v1/daily-reports/open', { body: organisationId ? { organisation_id: organisationId } : {}, signal });
export const submitDaily = (id: number, body: Submission) => request<DailyReport>('POST', `/api/v1/daily-reports/${id}/submit`, { body });
export const dailyHistory = (organisationId: number, signal?: AbortSignal) =>
  request<{ reports: DailyReport[] }>('GET', '/api/v1/daily-reports/history', { query: { organisation_id: organisationId }, signal }).then((a) => a.reports);
export const dailyArea = (query: AreaQuery, signal?: AbortSignal) => request<Area>('GET', '/api/v1/daily-reports/area', { query: { date: query.date, days: query.days ?? '' }, signal });

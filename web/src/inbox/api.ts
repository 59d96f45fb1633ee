// The inbox of reports to confirm (REP-5) and the data check (issue 14 items 2, 3), and the top
// page's counts (item 1), as the API shapes them (docs/openapi.yaml readInbox, confirmReports,
// checkReportData, readWorkbench).
import { request } from '../app/api';
import type { DiagnosisClass, InboxFilter, ReportState, Sex, WorkbenchCountKind } from '../app/codes';
import type { Scope } from '../cases/api';

export interface InboxItem {
  id: number;
  patient_id: number;
  version: number;
  state: ReportState;
  diagnosis_class: DiagnosisClass | null;
  diagnosis_date: string;
  submitted_at: string | null;
  reporter: { id: number; name: string };
  patient: { name: string; kana: string; sex: Sex | null; birth_date: string };
  scope: Scope;
  confirmed_at: string | null;
  confirmed_by: string | null;
  checked_at: string | null;
  checked_by: string | null;
  may: { confirm: boolean; check: boolean };
}

export interface InboxPage {
  filter: InboxFilter;
  items: InboxItem[];
  total: number | null;
  more: boolean;
  page: number;
  page_size: number;
}

export interface ConfirmResult {
  id: number;
  confirmed: boolean;
  status?: number;
  code?: string;
  title?: string;
}

export interface WorkbenchCount {
  kind: WorkbenchCountKind;
  count: number;
  capped: boolean;
}

export const readInbox = (filter: InboxFilter | undefined, page: number, signal?: AbortSignal) =>
  request<InboxPage>('GET', `/api/v1/reports/inbox?page=${page}${filter ? `&filter=${filter}` : ''}`, { signal });
export const confirmReports = (reports: { id: number; version: number }[]) =>
  request<{ confirmed: number; results: ConfirmResult[] }>('POST', '/api/v1/reports/confirm', { body: { reports } });
export const checkReportData = (id: number) => request<unknown>('POST', `/api/v1/reports/${id}/data-check`);
export const readWorkbench = (signal?: AbortSignal) => request<{ date: string; counts: WorkbenchCount[] }>('GET', '/api/v1/workbench', { signal });

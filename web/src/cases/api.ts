// Occurrence reports (発生届, REP-1..9) and cases (CASE-1..7) as the API shapes them.
import { ApiError, request, requestFile } from '../app/api';
import type { FieldError } from '../app/api';
import type { Confirmation, DeathPlace, DiagnosisClass, MedicalOutcome, RecordEntryKind, ReportState, ResidenceKind, SearchOrder, Sex, Specimen, Status, TestMethod, TestResult } from '../app/codes';
import type { RiskFactor, Symptom } from '../app/codes';
import type { AuditEventType } from '../app/codes';

export interface Identity {
  name: string;
  kana: string;
  sex: Sex | null;
  birth_date: string;
  phone: string;
  email: string;
  postal_code: string;
  address: string;
  current_postal_code: string;
  current_address: string;
  nationality: string;
  entry_date: string;
  passport_number: string;
  // Not offered until health-observation messages are sent (issue 19 item 21).
  notify_sms?: boolean;
  notify_email: boolean;
}

export interface Test {
  method: TestMethod | null;
  specimen: Specimen | null;
  collected_on: string;
  result: TestResult | null;
  report_id?: number;
}

export interface ReportFields {
  diagnosis_class: DiagnosisClass | null;
  occupation: string;
  symptoms: Symptom[];
  onset_date: string;
  diagnosis_date: string;
  tests: Test[];
  estimated_infection_date: string;
  infection_route: string;
  infection_place: string;
  travel_history: string;
  risk_factors: RiskFactor[];
  needs_hospitalisation: boolean | null;
  needs_drugs_or_oxygen: boolean | null;
  vaccination_count: number | null;
  pregnant: boolean | null;
  doctor_name: string;
  free_text: string;
  // The legal form's items (別記様式6-1, REP-8, issue 14): the guardian of a minor, 初診年月日,
  // 死亡年月日 (the death classes). Optional.
  guardian_name: string;
  guardian_address: string;
  guardian_phone: string;
  first_visit_date: string;
  death_date: string;
  acknowledged: string[];
}

// The body of POST /reports, /reports/check and PUT /reports/{id} (ReportForm): empty fields
// left out, the patient new (`patient`) or existing (`patient_id`).
export type ReportForm = Partial<ReportFields> & {
  patient?: Partial<Identity>;
  patient_id?: number;
  confirm_new_patient?: boolean;
  submit?: boolean;
};

export interface Scope {
  decided: boolean;
  in_scope: boolean;
  rule_effective_from: string | null;
  reasons: { ja: string; en: string }[];
}

export interface Report {
  id: number;
  state: ReportState;
  diagnosis_class: DiagnosisClass | null;
  diagnosis_date: string;
  submissions: { diagnosis_class: DiagnosisClass; submitted_at: string }[];
  confirmed_at?: string;
  superseded_by: number | null;
  read_only: boolean;
  reporter_id: number;
  reporter_name: string;
  // The institution as the legal form prints it; phone once organisations keep one (issue 14).
  reporter?: { name: string; address: string; phone?: string | null };
  area_health_center_id: number;
  version: number;
  fields: ReportFields & { deemed_positive?: boolean };
  patient: { id: number; hersys_id: string | null; identity: Identity; version: number };
  scope: Scope;
  confirmed_by?: string | null;
  checked_at?: string | null;
  checked_by?: string | null;
  may: { edit: boolean; confirm: boolean; check?: boolean };
}

export interface PatientSummary {
  id: number;
  hersys_id: string | null;
  name: string;
  kana: string;
  sex: Sex | null;
  birth_date: string;
  status: Status | null;
  reported_on: string;
  responsible_health_center_id: number | null;
  // The search's columns (issue 14).
  responsible_health_center_name?: string;
  reporter_id?: number;
  reporter_name?: string;
  confirmation?: Confirmation | null;
}

export interface Residence {
  kind: ResidenceKind | null;
  place: string;
  from: string;
  to: string;
}

// 医療 (CASE-4); `severe` is the server's judgement, read only. The outcome (転帰) is one of a
// list; `outcome_text` says what an `other` one was (older free-text outcomes read so too).
export interface Medical {
  admitted_on?: string;
  discharged_on?: string;
  hospital?: string;
  doctor?: string;
  symptoms?: string;
  findings?: string;
  outcome?: MedicalOutcome | null;
  outcome_text?: string;
  icu?: boolean;
  ventilator?: boolean;
  ecmo?: boolean;
  severe?: boolean;
}

// 現在のステータス (CASE-5) as the latest status entry of the 記録 log left it; read only.
export interface CaseRecord {
  status: Status | null;
  effective_on: string;
  death_date: string;
  death_place_kind: DeathPlace | null;
  death_place: string;
}

// An entry of the 記録 log (issue 14): never changed; a correction is a new entry. No
// account / organisation: written by the system (the former record, migrated).
export interface RecordEntry {
  id: number;
  kind: RecordEntryKind;
  status: Status | null;
  effective_on: string;
  death_date: string;
  death_place_kind: DeathPlace | null;
  death_place: string;
  note: string;
  account_id: number | null;
  account_name: string | null;
  organisation_id: number | null;
  organisation_name: string | null;
  written_at: string;
}

export interface RecordEntryInput {
  kind: RecordEntryKind;
  status?: Status | null;
  effective_on?: string;
  death_date?: string;
  death_place_kind?: DeathPlace | null;
  death_place?: string;
  note?: string;
}

export interface RecordPage {
  entries: RecordEntry[];
  current: CaseRecord;
  total: number;
  offset: number;
  limit: number;
  may: { write: boolean };
}

// 医療 (CASE-4): the symptoms ticked on each report, read only.
export interface ReportedSymptoms {
  report_id: number;
  diagnosis_class: DiagnosisClass | null;
  onset_date: string;
  symptoms: Symptom[];
}

export interface Case {
  id: number;
  hersys_id: string | null;
  version: number;
  identity: Identity;
  tests: Test[];
  residences: Residence[];
  medical: Medical;
  record: CaseRecord;
  reported_symptoms: ReportedSymptoms[];
  reports: Report[];
  area_health_center_id: number;
  responsible_health_center_id: number | null;
  related_health_center_ids: number[];
  tracing_number: string;
  may: { write: boolean; confirm: boolean; set_health_centers: boolean; transfer: boolean };
  // The case header's names (issue 14).
  responsible_health_center_name?: string | null;
  related_health_centers?: { id: number; name: string }[];
  reporting_institution?: { id: number; name: string };
}

// The tabs written with PUT /patients/{id}/<tab>, each with the case's version.
export interface CaseTabs {
  identity: Identity;
  residences: { residences: Residence[] };
  medical: Omit<Medical, 'severe'>;
}

// One field a version changed (issue 19 item 24): its path in the record ("identity.name",
// "record.status", "tests") and its values before and after (null: none).
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface Version {
  resource_type: 'patient' | 'report' | 'transfer';
  resource_id: number;
  version: number;
  change: AuditEventType;
  changes: FieldChange[];
  account_id: number | null;
  account_name: string | null;
  organisation_id: number | null;
  organisation_name: string | null;
  changed_at: string;
}

export interface HistoryPage {
  versions: Version[];
  total: number;
  offset: number;
  limit: number;
}

export interface SearchCriteria {
  hersys_id: string;
  name: string;
  birth_date: string;
  phone: string;
  reported_from: string;
  reported_to: string;
  // A Status, or `none` for the cases without one (CASE-5).
  status?: Status | 'none';
  health_center_id?: number;
  // issue 14: the reporting institution, 保健所確認, an age range, still open.
  reporter_id?: number;
  confirmation?: Confirmation;
  age_from?: number | null;
  age_to?: number | null;
  open_only: boolean;
  include_past: boolean;
  order: SearchOrder;
}

export interface SearchPage {
  patients: PatientSummary[];
  // Every match in the caller's scope (issue 19 item 19), counted up to 10000 (issue 14).
  total: number;
  total_capped: boolean;
  has_more: boolean;
  offset: number;
  limit: number;
}

export const checkReport = (body: ReportForm) => request<{ errors: FieldError[]; scope: Scope }>('POST', '/api/v1/reports/check', { body });
export const fileReport = (body: ReportForm) => request<{ report_id: number; patient_id: number }>('POST', '/api/v1/reports', { body });
export const getReport = (id: number | string, signal?: AbortSignal) => request<Report>('GET', `/api/v1/reports/${id}`, { signal });
export const editReport = (id: number, body: ReportForm) => request<unknown>('PUT', `/api/v1/reports/${id}`, { body });
export const submitReport = (id: number) => request<unknown>('POST', `/api/v1/reports/${id}/submit`);
export const confirmReport = (id: number) => request<unknown>('POST', `/api/v1/reports/${id}/confirm`);
export const deleteReport = (id: number) => request<unknown>('POST', `/api/v1/reports/${id}/delete`, { body: { confirm: true } });
export const setReportTests = (id: number, tests: Test[]) => request<unknown>('PUT', `/api/v1/reports/${id}/tests`, { body: { tests } });

// A new patient who looks like one already registered is answered 409 look_alikes with the
// candidates (CASE-7); null for any other failure.
export function lookAlikesOf(error: unknown): PatientSummary[] | null {
  if (!(error instanceof ApiError) || error.code !== 'look_alikes') return null;
  const found = error.body?.look_alikes;
  return Array.isArray(found) ? (found as PatientSummary[]) : [];
}

export const searchPatients = (criteria: Partial<SearchCriteria>, page: { limit: number; offset: number }, signal?: AbortSignal) =>
  request<SearchPage>('POST', '/api/v1/patients/search', { body: { ...criteria, ...page }, signal });
// The whole result as CSV (health centers and prefectures; issue 14), saved as a download. The
// criteria are POSTed (never in the address); the server logs the export.
export async function downloadPatientsCsv(criteria: Partial<SearchCriteria>): Promise<void> {
  const blob = await requestFile('/api/v1/patients/search.csv', undefined, criteria);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `patients-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
export const getCase = (id: number | string, signal?: AbortSignal) => request<Case>('GET', `/api/v1/patients/${id}`, { signal });
export const setCaseTab = <K extends keyof CaseTabs>(id: number, tab: K, values: CaseTabs[K], version: number) =>
  request<unknown>('PUT', `/api/v1/patients/${id}/${tab}`, { body: { ...values, version } });
export const historyPage = 20;
export const recordPage = 20;
export const getRecordLog = (id: number, offset: number, signal?: AbortSignal) =>
  request<RecordPage>('GET', `/api/v1/patients/${id}/record`, { query: { offset, limit: recordPage }, signal });
export const addRecordEntry = (id: number, body: RecordEntryInput) => request<RecordEntry>('POST', `/api/v1/patients/${id}/record`, { body });
export const getCaseHistory = (id: number, offset: number, signal?: AbortSignal) =>
  request<HistoryPage>('GET', `/api/v1/patients/${id}/history`, { query: { offset, limit: historyPage }, signal });
// What a new report starts from (issue 19 item 22): the doctor this account last reported with
// and the caller's organisation as the reporting institution.
export interface ReportDefaults {
  doctor_name: string | null;
  institution: { id: number; name: string; address: string | null; phone: string | null };
}
export const getReportDefaults = (signal?: AbortSignal) => request<ReportDefaults>('GET', '/api/v1/reports/defaults', { signal });

// The organisation's drafts (issue 19 item 23, REP-9); a draft's patient has no HER-SYS ID yet.
export interface DraftSummary {
  id: number;
  patient_id: number;
  name: string;
  kana: string | null;
  diagnosis_class: DiagnosisClass | null;
  updated_at: string;
  filed_by: string;
}
export interface DraftPage {
  items: DraftSummary[];
  total: number;
  page: number;
  page_size: number;
}
export const listDrafts = (page: number, signal?: AbortSignal) => request<DraftPage>('GET', `/api/v1/reports/drafts?page=${page}`, { signal });

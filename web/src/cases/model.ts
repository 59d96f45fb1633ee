// Cases and occurrence reports (発生届) as the API shapes them, and the codes of every choice
// (src/app/codes.ts, from docs/openapi.yaml); their labels are in messages.ts as
// `code.<list>.<code>`.
import type { TFunction } from 'i18next';
import { diagnosisClasses, residenceKinds, sexes, specimens, statuses, testMethods, testResults } from '../app/codes';
import type { Option } from '../components/form';

// Symptoms and risk factors have no enum in docs/openapi.yaml (ReportFields says "listed in
// src/cases/rules.cpp"), so their lists are kept here, as the server's kSymptoms and
// kRiskFactors have them.
export const symptoms = ['fever', 'cough', 'sore_throat', 'breathing_difficulty', 'fatigue', 'taste_smell', 'headache', 'diarrhoea', 'pneumonia', 'runny_nose', 'other', 'none'] as const;
export type Symptom = (typeof symptoms)[number];
export const riskFactors = ['none', 'diabetes', 'heart_disease', 'kidney_disease', 'lung_disease', 'obesity', 'hypertension', 'immunosuppression', 'malignancy', 'smoking', 'dialysis', 'other'] as const;
export type RiskFactor = (typeof riskFactors)[number];

export const codes = {
  diagnosis_class: diagnosisClasses,
  sex: sexes,
  status: statuses,
  method: testMethods,
  specimen: specimens,
  result: testResults,
  symptoms,
  risk_factors: riskFactors,
  residence: residenceKinds,
} as const;

export function options(t: TFunction, list: keyof typeof codes): Option[] {
  return codes[list].map((code) => [code, t(`code.${list}.${code}`)] as const);
}
export const yesNo = (t: TFunction): Option[] => [
  [true, t('form.yes')],
  [false, t('form.no')],
];
export const label = (t: TFunction, list: keyof typeof codes, code: string | null | undefined) => (code ? t(`code.${list}.${code}`) : '—');

export interface Identity {
  name: string;
  kana: string;
  sex: 'male' | 'female' | null;
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
  notify_sms: boolean;
  notify_email: boolean;
}

export interface Test {
  method: string | null;
  specimen: string | null;
  collected_on: string;
  result: string | null;
  report_id?: number;
}

export interface ReportFields {
  diagnosis_class: string | null;
  occupation: string;
  symptoms: string[];
  onset_date: string;
  diagnosis_date: string;
  tests: Test[];
  estimated_infection_date: string;
  infection_route: string;
  infection_place: string;
  travel_history: string;
  risk_factors: string[];
  needs_hospitalisation: boolean | null;
  needs_drugs_or_oxygen: boolean | null;
  vaccination_count: number | null;
  pregnant: boolean | null;
  doctor_name: string;
  free_text: string;
  acknowledged: string[];
}

export interface Scope {
  decided: boolean;
  in_scope: boolean;
  rule_effective_from: string;
  reasons: { ja: string; en: string }[];
}

export interface Report {
  id: number;
  state: 'draft' | 'submitted' | 'confirmed';
  diagnosis_class: string | null;
  diagnosis_date: string;
  submissions: { diagnosis_class: string; submitted_at: string }[];
  confirmed_at?: string;
  superseded_by: number | null;
  read_only: boolean;
  reporter_id: number;
  reporter_name: string;
  area_health_center_id: number;
  version: number;
  fields: ReportFields & { deemed_positive?: boolean };
  patient: { id: number; hersys_id: string; identity: Identity; version: number };
  scope: Scope;
  may: { edit: boolean; confirm: boolean };
}

export interface PatientSummary {
  id: number;
  hersys_id: string;
  name: string;
  kana: string;
  sex: string | null;
  birth_date: string;
  status: string | null;
  reported_on: string;
  responsible_health_center_id: number | null;
}

export interface Case {
  id: number;
  hersys_id: string;
  version: number;
  identity: Identity;
  tests: Test[];
  residences: { kind: string | null; place: string; from: string; to: string }[];
  medical: Record<string, any>;
  record: { status: string | null; death_date: string; death_place: string; note: string };
  reports: Report[];
  responsible_health_center_id: number | null;
  related_health_center_ids: number[];
  tracing_number: string;
  may: { write: boolean; confirm: boolean; set_health_centers: boolean };
}

export const emptyIdentity = (): Identity => ({
  name: '', kana: '', sex: null, birth_date: '', phone: '', email: '', postal_code: '', address: '',
  current_postal_code: '', current_address: '', nationality: 'JP', entry_date: '', passport_number: '',
  notify_sms: false, notify_email: false,
});

export const emptyTest = (): Test => ({ method: null, specimen: null, collected_on: '', result: null });

// Age in whole years on a date (both YYYY-MM-DD); null when either is not a date.
export function ageOn(birth: string, on: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birth);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  if (!b || !d) return null;
  let age = Number(d[1]) - Number(b[1]);
  if (d[2] + d[3] < b[2] + b[3]) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}

// What the case screens build on: the code lists of every choice with their labels
// (messages.ts, `code.<list>.<code>`), empty form values, and the age on a date.
import type { TFunction } from 'i18next';
import { diagnosisClasses, residenceKinds, sexes, specimens, statuses, testMethods, testResults } from '../app/codes';
import type { Option } from '../components/form';
import type { Identity, Test } from './api';

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
export type CodeList = keyof typeof codes;

export function options(t: TFunction, list: CodeList): Option[] {
  return codes[list].map((code) => [code, t(`code.${list}.${code}`)] as const);
}
export const yesNo = (t: TFunction): Option[] => [
  [true, t('form.yes')],
  [false, t('form.no')],
];
export const label = (t: TFunction, list: CodeList, code: string | null | undefined) => (code ? t(`code.${list}.${code}`) : '—');

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

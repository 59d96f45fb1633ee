// What the case screens build on: the code lists of every choice with their labels
// (messages.ts, `code.<list>.<code>`), empty form values, and the age on a date.
import type { TFunction } from 'i18next';
import { diagnosisClasses, residenceKinds, riskFactors, sexes, specimens, statuses, symptoms, testMethods, testResults } from '../app/codes';
import type { Option } from '../components/form';
import type { Identity, Test } from './api';

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

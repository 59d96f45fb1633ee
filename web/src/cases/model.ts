// What the case screens build on: the code lists of every choice with their labels
// (messages.ts, `code.<list>.<code>`), empty form values, and the age on a date.
import type { TFunction } from 'i18next';
import { confirmations, deathPlaces, diagnosisClasses, medicalOutcomes, residenceKinds, riskFactors, sexes, specimens, statuses, symptoms, testMethods, testResults } from '../app/codes';
import type { Option } from '../components/form';
import type { Identity, Test } from './api';
import { toHalfWidth } from '../app/normalise';

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
  death_place: deathPlaces,
  outcome: medicalOutcomes,
  confirmation: confirmations,
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
  notify_email: false,
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

// Phone numbers and postal codes as typed with an input method: half-width digits, and the
// dashes people type (ー − ‐ ―) as "-" (issue 19 item 16).
export const digitsAndHyphens = (text: string) => toHalfWidth(text).replace(/[ー−‐―]/g, '-').trim();
// The punctuation of lists and asides in the screen's language: Japanese marks in Japanese,
// ASCII in English (issue 14 item 17: "Fever、Sore throat" in English).
export function marks(language: string) {
  const en = language === 'en';
  return { list: en ? ', ' : '、', open: en ? ' (' : '（', close: en ? ')' : '）', slash: en ? ' / ' : '／', colon: en ? ': ' : '：' };
}
// A postal code: seven digits typed without the hyphen get it (183-0055), as the server keeps
// it (issue 14 item 18).
export const postalCode = (text: string) => digitsAndHyphens(text).replace(/^(\d{3})(\d{4})$/, '$1-$2');
// A country code as typed (us, ｕｓ): upper case (issue 14 item 8).
export const countryCode = (text: string) => toHalfWidth(text).trim().toUpperCase();

// The reading (カタカナ) of what an input method composes, when it is kana; '' otherwise (after
// conversion to kanji the composed text is no reading).
export function readingOf(composed: string | null | undefined): string {
  const text = (composed ?? '').trim();
  if (!text || !/^[\u3041-\u3096\u30a1-\u30fa\u30fcー]+$/.test(text)) return '';
  return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

// Dates as people type or paste them (issue 19 item 15): 2026-11-29, 2026/11/29, 2026.11.29,
// 20261129, 2026年11月29日, full-width digits, and 和暦 (令和8年11月29日, R8.11.29, 平成元年…).
// The result is ISO (YYYY-MM-DD), what the form sends; the server accepts the same forms
// (BodyReader::date) and has the last word.
import { toHalfWidth } from '../app/normalise';

// The eras a birth date may be given in, with the Gregorian year of each era's first year.
export const eras = [
  ['reiwa', '令和', 'R', 2018],
  ['heisei', '平成', 'H', 1988],
  ['showa', '昭和', 'S', 1925],
  ['taisho', '大正', 'T', 1911],
] as const;
export type Era = (typeof eras)[number][0];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoOf(year: number, month: number, day: number): string | null {
  if (!(year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

// The Gregorian year of an era's year (元年 = 1).
export function gregorianYear(era: Era, year: number): number {
  const found = eras.find(([code]) => code === era)!;
  return found[3] + year;
}

// A whole date in any of the forms above, or null.
export function parseDate(text: string): string | null {
  const s = toHalfWidth(text).trim().replace(/元年/, '1年').replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(令和|平成|昭和|大正|[RHSTrhst])\.?(\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) {
    const era = eras.find(([, kanji, letter]) => m[1] === kanji || m[1].toUpperCase() === letter)!;
    return isoOf(era[3] + Number(m[2]), Number(m[3]), Number(m[4]));
  }
  return null;
}

// The parts of a value the form holds ("2026-11-29", or a partial "2026-11-" while typed).
export function partsOf(value: string): [string, string, string] {
  const [y = '', m = '', d = ''] = value.split('-');
  return [y, m, d];
}

// What the form holds for parts as typed: ISO when whole, otherwise the parts joined (the server
// answers that it is not a date), empty when nothing is typed.
export function valueOf(year: string, month: string, day: string): string {
  if (!year && !month && !day) return '';
  const iso = /^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day) ? isoOf(Number(year), Number(month), Number(day)) : null;
  return iso ?? `${year}-${month}-${day}`;
}

// The era and era year of a Gregorian date, for showing a birth date in 和暦 (null before 大正).
export function eraOf(iso: string): [Era, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const starts: Record<Era, string> = { reiwa: '2019-05-01', heisei: '1989-01-08', showa: '1926-12-25', taisho: '1912-07-30' };
  for (const [code, , , base] of eras) if (iso >= starts[code]) return [code, Number(m[1]) - base];
  return null;
}

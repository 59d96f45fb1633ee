// i18next with Japanese first and English second. Each feature keeps its texts as
// `key: [日本語, English]` pairs in its own messages.ts, so neither language can miss a key.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { messages as app } from './messages';
import { messages as auth } from '../auth/messages';
import { messages as cases } from '../cases/messages';
import { messages as daily } from '../daily/messages';
import { messages as admin } from '../admin/messages';
import { messages as transfers } from '../transfers/messages';
import { messages as inbox } from '../inbox/messages';

export type Label = readonly [ja: string, en: string];
export type Messages = Record<string, Label>;
export const languages = ['ja', 'en'] as const;

// The labels of a code list (src/app/codes.ts) as messages `<prefix><code>`. Typed by the
// list, so that a code the API documents and the screens lack a label for does not compile:
// `labelled('code.status.', statusLabels)` with `statusLabels: Record<Status, Label>`.
export function labelled<Code extends string>(prefix: string, labels: Record<Code, Label>): Messages {
  return Object.fromEntries(Object.entries<Label>(labels).map(([code, label]) => [prefix + code, label]));
}

function resources(...sets: Messages[]) {
  const ja: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const set of sets) {
    for (const [key, [j, e]] of Object.entries(set)) {
      ja[key] = j;
      en[key] = e;
    }
  }
  return { ja: { translation: ja }, en: { translation: en } };
}

const stored = (() => {
  try {
    return localStorage.getItem('hersys.language');
  } catch {
    return null;
  }
})();

// Every feature's messages, by feature (tests/messages.test.mjs checks them all).
export const messageSets: Record<string, Messages> = { app, auth, cases, daily, admin, transfers, inbox };

void i18n.use(initReactI18next).init({
  resources: resources(...Object.values(messageSets)),
  lng: stored === 'en' ? 'en' : 'ja',
  fallbackLng: 'ja',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(language: 'ja' | 'en') {
  void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  try {
    localStorage.setItem('hersys.language', language);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export default i18n;

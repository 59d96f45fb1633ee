// How the daily report's figures are shown (日次報告, DAY-1..5).
import type { Bracket } from './api';

export const slashDate = (iso: string) => iso.replace(/-/g, '/');
export const bracketLabel = (b: Bracket, language: string) => (language === 'en' ? b.en : b.ja);
export const formatCount = (n: number | undefined) => (n ?? 0).toLocaleString('ja-JP');

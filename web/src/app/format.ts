// Dates and times as health workers read them: Tokyo time, whatever the browser's zone.
const tokyo = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const when = new Date(iso);
  return Number.isNaN(when.getTime()) ? iso : tokyo.format(when);
}

// Today's date in Tokyo (YYYY-MM-DD), the date every form and rule uses.
export function tokyoToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(now);
}

// A date (YYYY-MM-DD) as every screen shows it: 2026/11/29 (issue 19 item 15); anything that
// is not a whole date is shown as it is, nothing as —.
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}/${m[2]}/${m[3]}` : iso;
}

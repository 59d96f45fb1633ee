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

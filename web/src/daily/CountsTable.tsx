// One row of counts per date, by bracket, with the total: the history tab, the confirmation
// and the area view all show the figures this way (as the seeds' screens do).
import { useTranslation } from 'react-i18next';
import type { DailyBracket } from '../app/codes';
import type { Bracket } from './api';
import { bracketLabel, formatCount, slashDate } from './model';
import { ScrollRegion } from '../components/ScrollRegion';
import { cardCell } from '../components/CardTable';

// Counts as numbers; on the confirmation, a count not typed as a number is shown as typed (the
// server names it when the report is sent), and the total is then unknown (null).
export interface CountsRow {
  date: string;
  counts: Partial<Record<DailyBracket, number | string>>;
  total: number | null;
  extra?: string;
}

const shown = (count: number | string | undefined) => (typeof count === 'string' ? count : formatCount(count));

export function CountsTable({ brackets, rows, caption, extraHeading }: { brackets: Bracket[]; rows: CountsRow[]; caption: string; extraHeading?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ScrollRegion label={caption}>
      <table className="daily-grid cards">
        <caption className="hint">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('daily.date')}</th>
            {brackets.map((b) => (
              <th scope="col" key={b.name} className="number">
                {bracketLabel(b, i18n.language)}
              </th>
            ))}
            <th scope="col" className="number">
              {t('daily.total')}
            </th>
            {extraHeading && <th scope="col">{extraHeading}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.date}>
              <th scope="row">{slashDate(row.date)}</th>
              {brackets.map((b) => (
                <td key={b.name} className="number" {...cardCell(bracketLabel(b, i18n.language))}>
                  {shown(row.counts[b.name])}
                </td>
              ))}
              <td className="number" {...cardCell(t('daily.total'))}>
                <strong>{row.total === null ? '—' : formatCount(row.total)}</strong>
              </td>
              {extraHeading && <td {...cardCell(extraHeading)}>{row.extra}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

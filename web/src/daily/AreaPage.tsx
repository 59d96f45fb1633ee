// 日次報告の集計 (DAY-5): the sums of the area by day and bracket, and the institutions that
// have not reported on each day of the window with the phone and contact person to call
// (issue 14 item 2); a health center enters a missing one's report received by FAX or phone.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fieldErrorsOf } from '../app/api';
import { tokyoToday } from '../app/format';
import { useSession } from '../app/session';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { cardCell } from '../components/CardTable';
import { ErrorSummary, FormFields, NumberField, TextField, useForm } from '../components/form';
import { dailyArea, type AreaQuery } from './api';
import { CountsTable } from './CountsTable';
import { slashDate } from './model';
import './area.css';

export function AreaPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const form = useForm<AreaQuery>(() => ({ date: tokyoToday(), days: 7 }));
  // The figures shown are those of the last query sent ("show"); they stay while the next load.
  const [query, setQuery] = useState<AreaQuery>(form.values);
  const { setErrors } = form;
  const loaded = useResource(
    async (signal) => {
      try {
        const answer = await dailyArea(query, signal);
        setErrors([]);
        return answer;
      } catch (error) {
        if (!signal.aborted) setErrors(fieldErrorsOf(error));
        throw error;
      }
    },
    [query, setErrors],
    { keepPrevious: true },
  );
  const area = loaded.data;
  const proxy = me.may.enter_daily_for_others;
  return (
    <>
      <h1>{t('daily.area_title')}</h1>
      <form
        className="grid-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...form.values });
        }}
      >
        <FormFields form={form}>
          <TextField name="date" type="date" label={t('daily.area_to')} />
          <NumberField name="days" label={t('daily.area_days')} min={1} max={31} />
        </FormFields>
        <div>
          <button type="submit" className="primary">
            {t('daily.show')}
          </button>
        </div>
      </form>
      <ErrorAlert error={fieldErrorsOf(loaded.error).length ? undefined : loaded.error} />
      <ErrorSummary errors={form.errors} />
      {area && (
        <>
          <p>{t('daily.area_reporters', { count: area.reporters, from: slashDate(area.from), to: slashDate(area.to) })}</p>
          <CountsTable
            brackets={area.brackets}
            caption={t(`daily.area_${area.area}`)}
            rows={area.days.map((d) => ({ ...d, extra: String(d.reports) }))}
            extraHeading={t('daily.reports_count')}
          />
          <h2>{t('daily.missing_by_day')}</h2>
          {area.missing_by_day.map((day) => (
            <section key={day.date} className="missing-day" aria-labelledby={`missing-${day.date}`}>
              <h3 id={`missing-${day.date}`}>{t('daily.missing_title', { date: slashDate(day.date), count: day.missing_count })}</h3>
              {day.missing.length === 0 ? (
                <p>{t('daily.missing_none')}</p>
              ) : (
                <table className="cards">
                  <thead>
                    <tr>
                      <th scope="col">{t('daily.org_code')}</th>
                      <th scope="col">{t('daily.org_name')}</th>
                      <th scope="col">{t('daily.org_phone')}</th>
                      <th scope="col">{t('daily.org_contact')}</th>
                      {proxy && day.date === tokyoToday() && <th scope="col">{t('daily.proxy')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {day.missing.map((m) => (
                      <tr key={m.id}>
                        <td {...cardCell(t('daily.org_code'))}>{m.code}</td>
                        <td {...cardCell(t('daily.org_name'))}>{m.name}</td>
                        <td className="nowrap" {...cardCell(t('daily.org_phone'))}>{m.phone ? <a href={`tel:${m.phone}`}>{m.phone}</a> : '—'}</td>
                        <td {...cardCell(t('daily.org_contact'))}>{m.contact_person || '—'}</td>
                        {proxy && day.date === tokyoToday() && (
                          <td>
                            <Link to={`/daily?for=${m.id}`} aria-label={t('daily.proxy_for_name', { name: m.name })}>
                              {t('daily.proxy')}
                            </Link>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {day.missing_count > day.missing.length && <p className="hint">{t('daily.missing_more', { count: day.missing_count - day.missing.length })}</p>}
            </section>
          ))}
        </>
      )}
    </>
  );
}

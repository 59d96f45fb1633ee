// 日次報告の集計 (DAY-5): the sums of the area by day and bracket, and the institutions that
// have not reported; a health center enters a missing one's report received by FAX or phone.
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
          <h2>{t('daily.missing_title', { date: slashDate(area.missing_on), count: area.missing_count })}</h2>
          {area.missing.length === 0 ? (
            <p>{t('daily.missing_none')}</p>
          ) : (
            <table className="cards">
              <thead>
                <tr>
                  <th scope="col">{t('daily.org_code')}</th>
                  <th scope="col">{t('daily.org_name')}</th>
                  {proxy && <th scope="col">{t('daily.proxy')}</th>}
                </tr>
              </thead>
              <tbody>
                {area.missing.map((m) => (
                  <tr key={m.id}>
                    <td {...cardCell(t('daily.org_code'))}>{m.code}</td>
                    <td {...cardCell(t('daily.org_name'))}>{m.name}</td>
                    {proxy && (
                      <td>
                        {area.missing_on === tokyoToday() && (
                          <Link to={`/daily?for=${m.id}`} aria-label={t('daily.proxy_for_name', { name: m.name })}>
                            {t('daily.proxy')}
                          </Link>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {area.missing_count > area.missing.length && <p className="hint">{t('daily.missing_more', { count: area.missing_count - area.missing.length })}</p>}
        </>
      )}
    </>
  );
}

// 日次報告の集計 (DAY-5): the sums of the area by day and bracket, and the institutions that
// have not reported; a health center enters a missing one's report received by FAX or phone.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../app/api';
import { abilities, tokyoToday, useSession } from '../app/session';
import { ErrorSummary, FormFields, NumberField, TextField, useForm, useSubmit } from '../components/form';
import { CountsTable } from './CountsTable';
import { slashDate, type Bracket, type Counts } from './model';

interface Area {
  area: 'national' | 'prefecture' | 'health_center';
  from: string;
  to: string;
  days: { date: string; counts: Counts; total: number; reports: number }[];
  reporters: number;
  missing_on: string;
  missing: { id: number; code: string; name: string }[];
  missing_count: number;
  brackets: Bracket[];
}

export function AreaPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const form = useForm({ date: tokyoToday(), days: 7 as number | null });
  const [area, setArea] = useState<Area | null>(null);
  const submit = useSubmit(form);
  const load = submit.run(async () => {
    setArea(await api<Area>('GET', `/api/v1/daily-reports/area?date=${encodeURIComponent(form.values.date)}&days=${form.values.days ?? ''}`));
  });
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const proxy = abilities(me).proxyDaily;
  return (
    <>
      <h1>{t('daily.area_title')}</h1>
      <form className="grid-2" onSubmit={load} noValidate>
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
      {submit.problem && (
        <p className="alert" role="alert">
          {submit.problem}
        </p>
      )}
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
            <table>
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
                    <td>{m.code}</td>
                    <td>{m.name}</td>
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

// 日次報告 (DAY-1..4): the bracket grid starting at zeros, the confirmation with the total,
// 報告 once, "today's report is done", and the seven-day history. A health center reaches it
// from the area view to enter an institution's report that came by FAX or phone (代理入力).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { fieldErrorsOf, type FieldError } from '../app/api';
import type { DailyChannel } from '../app/codes';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { ErrorSummary, FormFields, RadioField, useForm } from '../components/form';
import { Tabs } from '../components/Tabs';
import { dailyHistory, openDaily, submitDaily, type Counts, type Opened } from './api';
import { CountsTable } from './CountsTable';
import { bracketLabel, formatCount, slashDate } from './model';
import { ScrollRegion } from '../components/ScrollRegion';

const kMax = 99999;

export function DailyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const proxyFor = params.get('for');
  const organisationId = proxyFor ? Number(proxyFor) : null;
  const resource = useResource((signal) => openDaily(organisationId, signal), [organisationId]);
  const opened = resource.data;
  const [tab, setTab] = useState('report');

  return (
    <>
      <h1>{proxyFor ? t('daily.proxy_title') : t('daily.title')}</h1>
      <ErrorAlert error={resource.error} />
      {opened && (
        <>
          {proxyFor && <Alert kind="info">{t('daily.proxy_for', { name: opened.organisation.name, code: opened.organisation.code })}</Alert>}
          <Tabs
            label={t('daily.title')}
            current={tab}
            onChange={setTab}
            tabs={[
              ['report', t('daily.tab_report')],
              ['history', t('daily.tab_history')],
            ]}
          >
            {tab === 'report' ? <ReportTab opened={opened} proxy={!!proxyFor} onFiled={resource.set} /> : <HistoryTab opened={opened} />}
          </Tabs>
        </>
      )}
    </>
  );
}

function ReportTab({ opened, proxy, onFiled }: { opened: Opened; proxy: boolean; onFiled: (o: Opened) => void }) {
  const { t, i18n } = useTranslation();
  const zeros = Object.fromEntries(opened.brackets.map((b) => [b.name, '0']));
  const [counts, setCounts] = useState<Record<string, string>>(zeros);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const channel = useForm<{ channel?: DailyChannel }>({});

  if (opened.state === 'submitted') {
    return (
      <Alert kind="success">
        <p>{t('daily.done', { date: slashDate(opened.report_date) })}</p>
        <p>
          {t('daily.total')}: <strong>{formatCount(opened.total)}</strong>
        </p>
        {proxy && <Link to="/daily/area">{t('daily.back_to_area')}</Link>}
      </Alert>
    );
  }

  const check = (): FieldError[] => {
    const found: FieldError[] = [];
    for (const b of opened.brackets) {
      const text = counts[b.name].trim();
      if (!/^\d+$/.test(text) || Number(text) > kMax) {
        found.push({ field: `counts.${b.name}`, code: 'invalid_count', message: t('daily.invalid_count', { bracket: bracketLabel(b, i18n.language), max: kMax.toLocaleString('ja-JP') }) });
      }
    }
    if (proxy && !channel.values.channel) found.push({ field: 'channel', code: 'required', message: t('daily.channel_required') });
    return found;
  };
  const values = Object.fromEntries(opened.brackets.map((b) => [b.name, Number(counts[b.name])])) as Counts;
  const total = Object.values(values).reduce((a, b) => a + b, 0);

  const toConfirmation = () => {
    const found = check();
    setErrors(found);
    channel.setErrors(found.filter((e) => e.field === 'channel'));
    if (found.length === 0) setConfirming(true);
  };
  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const filed = await submitDaily(opened.id, { counts: values, ...(proxy ? { channel: channel.values.channel } : {}) });
      onFiled({ ...opened, ...filed });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      setProblem(fields.length ? null : error);
      if (fields.length) setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  const date = <p>{t('daily.report_date', { date: slashDate(opened.report_date) })}</p>;
  if (confirming) {
    return (
      <section aria-labelledby="confirm-title">
        <h2 id="confirm-title">{t('daily.confirm_title')}</h2>
        {date}
        <ErrorAlert error={problem} />
        <CountsTable brackets={opened.brackets} rows={[{ date: opened.report_date, counts: values, total }]} caption={t('daily.confirm_caption')} />
        <p className="big-total">
          {t('daily.total')}: {formatCount(total)}
        </p>
        <ul className="hint">
          <li>{t('daily.note_once')}</li>
          <li>{t('daily.note_date')}</li>
        </ul>
        <div className="actions">
          <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
            {t('form.back')}
          </button>
          <button type="button" className="primary" onClick={() => void submit()} disabled={busy}>
            {t('daily.submit')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section aria-label={t('daily.tab_report')}>
      {date}
      <ErrorSummary errors={errors} />
      <ul className="hint">
        <li>{t('daily.note_include')}</li>
        <li>{t('daily.note_zero')}</li>
      </ul>
      <ScrollRegion label={t('daily.tab_report')}>
        <table className="daily-grid">
          <thead>
            <tr>
              {opened.brackets.map((b) => (
                <th key={b.name} scope="col">
                  <label htmlFor={`f-counts-${b.name}`}>{bracketLabel(b, i18n.language)}</label>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {opened.brackets.map((b) => {
                const error = errors.find((e) => e.field === `counts.${b.name}`);
                return (
                  <td key={b.name} className={error ? 'field has-error' : 'field'}>
                    <input
                      id={`f-counts-${b.name}`}
                      type="text"
                      inputMode="numeric"
                      value={counts[b.name]}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? 'daily-errors' : undefined}
                      onFocus={(e) => e.target.select()}
                      onChange={(e) => setCounts({ ...counts, [b.name]: e.target.value })}
                    />
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      <span id="daily-errors" hidden>
        {errors.map((e) => e.message).join(' ')}
      </span>
      {proxy && (
        <FormFields form={channel}>
          <RadioField name="channel" label={t('daily.channel')} required options={[['fax', t('daily.channel_fax')], ['phone', t('daily.channel_phone')]]} />
        </FormFields>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={toConfirmation}>
          {t('daily.confirm')}
        </button>
      </div>
    </section>
  );
}

function HistoryTab({ opened }: { opened: Opened }) {
  const { t } = useTranslation();
  // Loaded each time the tab is shown (so it includes a report just filed).
  const history = useResource((signal) => dailyHistory(opened.organisation_id, signal), [opened.organisation_id]);
  if (history.error) return <ErrorAlert error={history.error} />;
  if (!history.data) return <p>{t('app.loading')}</p>;
  const reports = history.data.filter((r) => r.state === 'submitted');
  if (reports.length === 0) return <p>{t('daily.no_history')}</p>;
  return (
    <CountsTable
      brackets={opened.brackets}
      caption={t('daily.history_caption')}
      rows={reports.map((r) => ({ date: r.report_date, counts: r.counts ?? {}, total: r.total ?? 0, extra: t(`daily.channel_${r.channel ?? 'online'}`) }))}
      extraHeading={t('daily.channel')}
    />
  );
}

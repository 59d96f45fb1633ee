// 日次報告 (DAY-1..4): the bracket grid starting at zeros, the confirmation with the total,
// 報告 once, "today's report is done", and the seven-day history. A health center reaches it
// from the area view to enter an institution's report that came by FAX or phone (代理入力).
// The counts are judged by the server alone: what is typed is sent as it is, and every wrong
// bracket comes back named (`counts.age_20s`) onto its field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { DailyBracket, DailyChannel } from '../app/codes';
import { toHalfWidth } from '../app/normalise';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { ErrorSummary, FormFields, RadioField, TextField, useForm, useSubmit } from '../components/form';
import { Tabs } from '../components/Tabs';
import { isChanged, useUnsavedChanges } from '../components/UnsavedChanges';
import { dailyHistory, openDaily, submitDaily, type Bracket, type Opened, type Submission } from './api';
import { CountsTable } from './CountsTable';
import { bracketLabel, formatCount, slashDate } from './model';

export function DailyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const proxyFor = params.get('for');
  const organisationId = proxyFor ? Number(proxyFor) : null;
  const opened = useResource((signal) => openDaily(organisationId, signal), [organisationId]);
  const [tab, setTab] = useState('report');
  const report = opened.data;

  return (
    <>
      <h1>{proxyFor ? t('daily.proxy_title') : t('daily.title')}</h1>
      <ErrorAlert error={opened.error} />
      {report && (
        <>
          {proxyFor && <Alert kind="info">{t('daily.proxy_for', { name: report.organisation.name, code: report.organisation.code })}</Alert>}
          <Tabs
            label={t('daily.title')}
            current={tab}
            onChange={setTab}
            tabs={[
              ['report', t('daily.tab_report')],
              ['history', t('daily.tab_history')],
            ]}
          >
            {tab === 'report' ? <ReportTab opened={report} proxy={!!proxyFor} onFiled={opened.set} /> : <HistoryTab opened={report} />}
          </Tabs>
        </>
      )}
    </>
  );
}

interface Values {
  counts: Record<DailyBracket, string>;
  channel?: DailyChannel;
}

// A count as the request carries it: a whole number as a number, nothing typed as null, and
// anything else as typed, for the server to name.
function countOf(text: string): number | string | null {
  const trimmed = toHalfWidth(text).trim();
  if (trimmed === '') return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function submissionOf(brackets: Bracket[], values: Values, proxy: boolean): Submission {
  const counts = Object.fromEntries(brackets.map((b) => [b.name, countOf(values.counts[b.name] ?? '')])) as Submission['counts'];
  return proxy ? { counts, channel: values.channel } : { counts };
}

function ReportTab({ opened, proxy, onFiled }: { opened: Opened; proxy: boolean; onFiled: (o: Opened) => void }) {
  const { t, i18n } = useTranslation();
  const [start] = useState<Values>(() => ({ counts: Object.fromEntries(opened.brackets.map((b) => [b.name, '0'])) as Values['counts'] }));
  const form = useForm<Values>(start);
  const [confirming, setConfirming] = useState(false);
  useUnsavedChanges(opened.state !== 'submitted' && isChanged(form.values, start));
  // Field errors send the user back to the form, where each lands on its field.
  const submit = useSubmit(form, () => setConfirming(false));

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

  const submission = submissionOf(opened.brackets, form.values, proxy);
  // For display only: the sum when every count is a number (the server computes the total).
  const numbers = Object.values(submission.counts);
  const total = numbers.every((n) => typeof n === 'number') ? numbers.reduce((a, b) => a + b, 0) : null;
  const shown = Object.fromEntries(Object.entries(submission.counts).map(([name, n]) => [name, n ?? ''])) as Record<DailyBracket, number | string>;
  const names = (field: string) => {
    if (field === 'channel') return t('daily.channel');
    const bracket = opened.brackets.find((b) => field === `counts.${b.name}`);
    return bracket && bracketLabel(bracket, i18n.language);
  };
  const send = submit.run(async () => {
    const filed = await submitDaily(opened.id, submission);
    onFiled({ ...opened, ...filed });
  });

  const date = <p>{t('daily.report_date', { date: slashDate(opened.report_date) })}</p>;
  if (confirming) {
    return (
      <section aria-labelledby="confirm-title">
        <h2 id="confirm-title">{t('daily.confirm_title')}</h2>
        {date}
        <ErrorAlert error={submit.problem} />
        <CountsTable brackets={opened.brackets} rows={[{ date: opened.report_date, counts: shown, total }]} caption={t('daily.confirm_caption')} />
        <p className="big-total">
          {t('daily.total')}: {total === null ? '—' : formatCount(total)}
        </p>
        <ul className="hint">
          <li>{t('daily.note_once')}</li>
          <li>{t('daily.note_date')}</li>
        </ul>
        <div className="actions">
          <button type="button" onClick={() => setConfirming(false)} disabled={submit.busy}>
            {t('form.back')}
          </button>
          <button type="button" className="primary" onClick={send} disabled={submit.busy}>
            {t('daily.submit')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section aria-label={t('daily.tab_report')}>
      {date}
      <ErrorSummary errors={form.errors} labels={names} />
      <ul className="hint">
        <li>{t('daily.note_include')}</li>
        <li>{t('daily.note_zero')}</li>
      </ul>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit.setProblem('');
          form.setValues((v) => ({ ...v, counts: Object.fromEntries(Object.entries(v.counts).map(([name, text]) => [name, toHalfWidth(text).trim()])) as Values['counts'] }));
          setConfirming(true);
        }}
      >
        <FormFields form={form}>
          {/* A count typed in full width (２) is shown back in half width when its field is left
              (issue 19 item 16), as it is sent. */}
          <div
            className="counts-grid"
            onBlur={(e) => {
              const { name, value } = e.target as HTMLInputElement;
              if (name.startsWith('counts.') && toHalfWidth(value).trim() !== value) form.set(name, toHalfWidth(value).trim());
            }}
          >
            {opened.brackets.map((b) => (
              <TextField key={b.name} name={`counts.${b.name}`} label={bracketLabel(b, i18n.language)} inputMode="numeric" selectOnFocus />
            ))}
          </div>
          {proxy && (
            <RadioField
              name="channel"
              label={t('daily.channel')}
              required
              options={[
                ['fax', t('daily.channel_fax')],
                ['phone', t('daily.channel_phone')],
              ]}
            />
          )}
        </FormFields>
        <div className="actions">
          <button type="submit" className="primary">
            {t('daily.confirm')}
          </button>
        </div>
      </form>
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

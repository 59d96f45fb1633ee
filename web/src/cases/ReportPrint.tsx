// 印刷 (REP-8): the report in the layout of the legal form, on A4 (see the print rules in
// styles.css); the menus and this page's buttons are not printed.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { dateTime } from '../app/format';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { getReport } from './api';
import { ReportTable } from './ReportTable';

export function ReportPrint() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useResource((signal) => getReport(id, signal), [id]);
  const report = loaded.data;
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!report) return <p>{t('app.loading')}</p>;
  const submitted = report.submissions[0]?.submitted_at;
  return (
    <article className="print-form">
      <div className="actions no-print">
        <button type="button" className="primary" onClick={() => window.print()}>{t('print.do')}</button>
        <Link className="button" to={`/cases/${report.patient.id}`}>{t('form.back')}</Link>
      </div>
      <h1>{t('print.title')}</h1>
      <p>{t('print.law')}</p>
      <dl className="summary">
        <dt>{t('report.reporter')}</dt>
        <dd>{report.reporter_name}</dd>
        <dt>{t('report.submitted_at')}</dt>
        <dd>{submitted ? dateTime(submitted) : t('report.state.draft')}</dd>
        <dt>{t('report.state')}</dt>
        <dd>{t(`report.state.${report.state}`)}</dd>
      </dl>
      <ReportTable fields={report.fields} patient={report.patient.identity} hersysId={report.patient.hersys_id ?? undefined} />
      <p className="hint">
        {t('print.printed_at')}: {dateTime(new Date().toISOString())}
      </p>
    </article>
  );
}

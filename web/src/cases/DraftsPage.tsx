// 一時保存中の発生届 (issue 19 item 23, REP-9): the organisation's drafts, newest first, a page
// at a time; opening one continues it in the report form. A draft's patient has no HER-SYS ID
// until the report is submitted, so none is shown.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './form-report.css';
import { Link, useLocation } from 'react-router';
import { dateTime } from '../app/format';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { cardCell } from '../components/CardTable';
import { ScrollRegion } from '../components/ScrollRegion';
import { listDrafts } from './api';
import { Pager } from '../components/Pager';
import { label } from './model';

export function DraftsPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [page, setPage] = useState(1);
  const drafts = useResource((signal) => listDrafts(page, signal), [page], { keepPrevious: true });
  const data = drafts.data;
  return (
    <>
      <h1>{t('drafts.title')}</h1>
      {notice && <Alert kind="success">{t(notice)}</Alert>}
      <ErrorAlert error={drafts.error} />
      {data &&
        (data.items.length === 0 ? (
          <p>{t('drafts.none')}</p>
        ) : (
          <>
            <p>{t('drafts.count', { total: data.total })}</p>
            <ScrollRegion label={t('drafts.title')}>
              <table className="drafts cards">
                <thead>
                  <tr>
                    <th scope="col">{t('field.name')}</th>
                    <th scope="col">{t('field.kana')}</th>
                    <th scope="col">{t('field.diagnosis_class')}</th>
                    <th scope="col">{t('drafts.updated_at')}</th>
                    <th scope="col">{t('drafts.filed_by')}</th>
                    <th scope="col"><span className="visually-hidden">{t('case.title')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((d) => (
                    <tr key={d.id}>
                      <td {...cardCell(t('field.name'))}>
                        <Link to={`/reports/${d.id}/edit`}>{d.name || t('drafts.no_name')}</Link>
                      </td>
                      <td {...cardCell(t('field.kana'))}>{d.kana || '—'}</td>
                      <td {...cardCell(t('field.diagnosis_class'))}>{label(t, 'diagnosis_class', d.diagnosis_class)}</td>
                      <td {...cardCell(t('drafts.updated_at'))}>{dateTime(d.updated_at)}</td>
                      <td {...cardCell(t('drafts.filed_by'))}>{d.filed_by}</td>
                      <td {...cardCell(t('case.title'))}>
                        <Link to={`/cases/${d.patient_id}`}>{t('case.title')}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <Pager previous={page > 1} next={page * data.page_size < data.total} onPrevious={() => setPage(page - 1)} onNext={() => setPage(page + 1)} />
          </>
        ))}
    </>
  );
}

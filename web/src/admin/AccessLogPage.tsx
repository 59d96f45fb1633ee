// アクセスログ: the organisation's access records, newest first, 100 at a time (reading it is
// itself recorded by the server).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../app/format';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { ScrollRegion } from '../components/ScrollRegion';
import { auditEventPage, listAuditEvents, type AuditEvent } from './api';
import { cardCell } from '../components/CardTable';

export function AccessLogPage() {
  const { t } = useTranslation();
  // The newest page, then the older pages asked for with "show more".
  const newest = useResource((signal) => listAuditEvents(undefined, signal), []);
  const [older, setOlder] = useState<AuditEvent[][]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const events = [...(newest.data ?? []), ...older.flat()];
  const last = older.length ? older[older.length - 1] : newest.data;
  const done = !last || last.length < auditEventPage;
  const more = async (before: number) => {
    try {
      const page = await listAuditEvents(before);
      setOlder((previous) => [...previous, page]);
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <>
      <h1>{t('menu.access_log')}</h1>
      <ErrorAlert error={newest.error ?? problem} />
      <ScrollRegion label={t('menu.access_log')}>
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{t('admin.log_when')}</th>
              <th scope="col">{t('admin.log_type')}</th>
              <th scope="col">{t('admin.log_outcome')}</th>
              <th scope="col">{t('admin.log_account')}</th>
              <th scope="col">{t('admin.log_resource')}</th>
              <th scope="col">{t('admin.log_detail')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td {...cardCell(t('admin.log_when'))}>{dateTime(e.recorded_at)}</td>
                <td {...cardCell(t('admin.log_type'))}>{e.type}</td>
                <td {...cardCell(t('admin.log_outcome'))}><span className={`badge ${e.outcome === 'success' ? 'confirmed' : 'danger'}`}>{t(`admin.outcome_${e.outcome}`)}</span></td>
                <td {...cardCell(t('admin.log_account'))}>{e.account_id ?? '—'}</td>
                <td {...cardCell(t('admin.log_resource'))}>{e.resource_type} {e.resource_id}</td>
                <td {...cardCell(t('admin.log_detail'))}>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {!done && events.length > 0 && (
        <button type="button" onClick={() => void more(events[events.length - 1].id)}>{t('admin.log_more')}</button>
      )}
    </>
  );
}

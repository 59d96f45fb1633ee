// アクセスログ: the organisation's access records, newest first, 100 at a time (reading it is
// itself recorded by the server).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../app/format';
import { api, messageOf } from '../app/api';
import { ScrollRegion } from '../components/ScrollRegion';

interface AuditEvent {
  id: number;
  recorded_at: string;
  action: string;
  type: string;
  outcome: 'success' | 'denied' | 'failure';
  account_id: number | null;
  resource_type: string;
  resource_id: string;
  client_address: string;
  detail: string;
}

export function AccessLogPage() {
  const { t } = useTranslation();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState('');
  const more = async (before?: number) => {
    try {
      const answer = await api<{ events: AuditEvent[] }>('GET', `/api/v1/audit-events?limit=100${before ? `&before=${before}` : ''}`);
      setEvents((previous) => (before ? [...previous, ...answer.events] : answer.events));
      setDone(answer.events.length < 100);
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  useEffect(() => {
    void more();
  }, []);
  return (
    <>
      <h1>{t('menu.access_log')}</h1>
      {problem && <p className="alert" role="alert">{problem}</p>}
      <ScrollRegion label={t('menu.access_log')}>
        <table>
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
                <td>{dateTime(e.recorded_at)}</td>
                <td>{e.type}</td>
                <td><span className={`badge ${e.outcome === 'success' ? 'confirmed' : 'danger'}`}>{t(`admin.outcome_${e.outcome}`)}</span></td>
                <td>{e.account_id ?? '—'}</td>
                <td>{e.resource_type} {e.resource_id}</td>
                <td>{e.detail}</td>
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

// 移管の受付 (issue 14 item 2): the cases other health centers transferred to the caller's,
// newest first, a page at a time; those not yet received first in the count, each marked
// received (受理) here. The patient's name shows while the health center may read the case.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime } from '../app/format';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { cardCell } from '../components/CardTable';
import { ScrollRegion } from '../components/ScrollRegion';
import { listReceived, receiveTransfer } from './api';
import { Pager } from '../components/Pager';
import './transfers.css';

export function TransfersPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const list = useResource((signal) => listReceived(page, unreadOnly, signal), [page, unreadOnly], { keepPrevious: true });
  const data = list.data;
  const receive = async (id: number) => {
    setProblem(null);
    setNotice('');
    try {
      await receiveTransfer(id);
      await list.reload();
      setNotice(t('transfers.received_notice'));
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <>
      <h1>{t('transfers.title')}</h1>
      {notice && <Alert kind="success">{notice}</Alert>}
      <ErrorAlert error={list.error ?? problem} />
      <label className="choice">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => { setUnreadOnly(e.target.checked); setPage(1); }} />
        {t('transfers.unread_only')}
      </label>
      {data &&
        (data.items.length === 0 ? (
          <p>{unreadOnly ? t('transfers.none_unread') : t('transfers.none')}</p>
        ) : (
          <>
            <p aria-live="polite">{t('transfers.count', { total: data.total, unread: data.unread })}</p>
            <ScrollRegion label={t('transfers.title')}>
              <table className="transfers cards">
                <thead>
                  <tr>
                    <th scope="col">{t('field.name')}</th>
                    <th scope="col">{t('field.hersys_id')}</th>
                    <th scope="col">{t('transfers.from')}</th>
                    <th scope="col">{t('transfers.at')}</th>
                    <th scope="col">{t('transfers.reason')}</th>
                    <th scope="col">{t('transfers.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((x) => (
                    <tr key={x.id}>
                      <th scope="row" {...cardCell(t('field.name'))}>
                        {x.name !== null ? (
                          <Link to={`/cases/${x.patient_id}`}>
                            {x.name}
                            {x.kana && <span className="transfer-kana">{x.kana}</span>}
                          </Link>
                        ) : (
                          t('transfers.no_access')
                        )}
                      </th>
                      <td {...cardCell(t('field.hersys_id'))}>{x.hersys_id ?? '—'}</td>
                      <td {...cardCell(t('transfers.from'))}>{x.from_health_center_name}</td>
                      <td {...cardCell(t('transfers.at'))}>
                        <div>
                          {dateTime(x.transferred_at)}
                          <span className="transfer-by">{x.transferred_by}</span>
                        </div>
                      </td>
                      <td {...cardCell(t('transfers.reason'))} className="transfer-reason">{x.reason}</td>
                      <td {...cardCell(t('transfers.state'))}>
                        {x.received_at ? (
                          <span className="badge">{t('transfers.received', { at: dateTime(x.received_at) })}</span>
                        ) : (
                          <div className="transfer-state">
                            <span className="badge submitted">{t('transfers.unread')}</span>
                            <button type="button" className="primary" onClick={() => void receive(x.id)}>{t('transfers.receive')}</button>
                          </div>
                        )}
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

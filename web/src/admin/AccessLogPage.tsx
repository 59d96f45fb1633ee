// アクセスログ (ACL-7, issue 19 item 24): the organisation's access records, newest first, in
// pages with a total; filtered by period, event, account, kind of record and outcome; events
// and kinds of record named in the UI language, accounts and organisations by name; the same
// filters as a CSV for Excel. Reading and exporting are themselves recorded by the server.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditEventTypes, auditOutcomes, auditResourceTypes } from '../app/codes';
import { dateTime } from '../app/format';
import { useSession } from '../app/session';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { auditEventPage, downloadAuditEventsCsv, listAccounts, listAuditEvents, type AuditEvent, type AuditFilter } from './api';
import './record-cards.css';

const noFilter: AuditFilter = { from: '', to: '', event: '', account_id: '', resource_type: '', outcome: '' };

// Which page: the filter applied, the offset, and the first page's newest id + 1 as anchor.
interface Position {
  filter: AuditFilter;
  offset: number;
  before?: number;
}

export function AccessLogPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [draft, setDraft] = useState<AuditFilter>(noFilter);
  const [position, setPosition] = useState<Position>({ filter: noFilter, offset: 0 });
  const [problem, setProblem] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const page = useResource((signal) => listAuditEvents(position.filter, position.offset, position.before, signal), [position]);
  const accounts = useResource((signal) => listAccounts(me.organisation.id, signal), [me.organisation.id]);
  const events = page.data?.events ?? [];
  const total = page.data?.total ?? 0;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPosition({ filter: draft, offset: 0 });
  };
  const clear = () => {
    setDraft(noFilter);
    setPosition({ filter: noFilter, offset: 0 });
  };
  const go = (offset: number) => {
    const anchor = position.before ?? (events.length ? events[0].id + 1 : undefined);
    setPosition({ filter: position.filter, offset, before: anchor });
    window.scrollTo({ top: 0 });
  };
  const download = async () => {
    setExporting(true);
    setProblem(null);
    try {
      await downloadAuditEventsCsv(position.filter);
    } catch (error) {
      setProblem(error);
    } finally {
      setExporting(false);
    }
  };
  const set = (key: keyof AuditFilter) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  return (
    <>
      <h1>{t('menu.access_log')}</h1>
      <form className="log-filters" onSubmit={apply} aria-label={t('admin.log_filters')}>
        <div className="field log-filter">
          <label htmlFor="log-from">{t('admin.log_from')}</label>
          <input id="log-from" type="date" value={draft.from} onChange={set('from')} />
        </div>
        <div className="field log-filter">
          <label htmlFor="log-to">{t('admin.log_to')}</label>
          <input id="log-to" type="date" value={draft.to} onChange={set('to')} />
        </div>
        <div className="field log-filter">
          <label htmlFor="log-event">{t('admin.log_event')}</label>
          <select id="log-event" value={draft.event} onChange={set('event')}>
            <option value="">{t('admin.log_any')}</option>
            {auditEventTypes.map((code) => (
              <option key={code} value={code}>{t(`audit.event.${code}`)}</option>
            ))}
          </select>
        </div>
        <div className="field log-filter">
          <label htmlFor="log-account">{t('admin.log_account')}</label>
          <select id="log-account" value={draft.account_id} onChange={set('account_id')}>
            <option value="">{t('admin.log_any')}</option>
            {(accounts.data ?? []).map((a) => (
              <option key={a.id} value={String(a.id)}>{a.display_name}（{a.login_id}）</option>
            ))}
          </select>
        </div>
        <div className="field log-filter">
          <span className="log-filter-label">{t('admin.log_organisation')}</span>
          <span className="log-filter-value">{me.organisation.name}</span>
        </div>
        <div className="field log-filter">
          <label htmlFor="log-resource">{t('admin.log_resource_type')}</label>
          <select id="log-resource" value={draft.resource_type} onChange={set('resource_type')}>
            <option value="">{t('admin.log_any')}</option>
            {auditResourceTypes.filter((code) => code !== 'Organisation').map((code) => (
              <option key={code} value={code}>{t(`audit.resource.${code}`)}</option>
            ))}
          </select>
        </div>
        <div className="field log-filter">
          <label htmlFor="log-outcome">{t('admin.log_outcome')}</label>
          <select id="log-outcome" value={draft.outcome} onChange={set('outcome')}>
            <option value="">{t('admin.log_any')}</option>
            {auditOutcomes.map((code) => (
              <option key={code} value={code}>{t(`admin.outcome_${code}`)}</option>
            ))}
          </select>
        </div>
        <div className="log-actions">
          <button type="submit" className="primary">{t('admin.log_apply')}</button>
          <button type="button" onClick={clear}>{t('admin.log_clear')}</button>
          <button type="button" onClick={() => void download()} disabled={exporting} aria-describedby="log-csv-help">
            {t('admin.log_csv')}
          </button>
        </div>
        <p id="log-csv-help" className="hint">{t('admin.log_csv_help')}</p>
      </form>
      <ErrorAlert error={page.error ?? accounts.error ?? problem} />
      {page.data && (
        <p className="log-count" aria-live="polite">
          {total === 0
            ? t('admin.log_none')
            : t('admin.log_count', { total: total.toLocaleString(), first: position.offset + 1, last: position.offset + events.length })}
        </p>
      )}
      {events.length > 0 && (
        <table className="record-cards log-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.log_when')}</th>
              <th scope="col">{t('admin.log_type')}</th>
              <th scope="col">{t('admin.log_outcome')}</th>
              <th scope="col">{t('admin.log_account')}</th>
              <th scope="col">{t('admin.log_resource')}</th>
              <th scope="col">{t('admin.log_client')}</th>
              <th scope="col">{t('admin.log_detail')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <LogRow key={e.id} event={e} />
            ))}
          </tbody>
        </table>
      )}
      {total > auditEventPage && (
        <nav className="log-paging" aria-label={t('admin.log_paging')}>
          <button type="button" disabled={position.offset === 0} onClick={() => go(Math.max(0, position.offset - auditEventPage))}>
            {t('admin.log_previous')}
          </button>
          <button type="button" disabled={position.offset + events.length >= total} onClick={() => go(position.offset + auditEventPage)}>
            {t('admin.log_next')}
          </button>
        </nav>
      )}
    </>
  );
}

function LogRow({ event: e }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const named = (key: string, code: string) => (i18n.exists(key) ? t(key) : code);
  return (
    <tr>
      <td data-label={t('admin.log_when')}>{dateTime(e.recorded_at)}</td>
      <td data-label={t('admin.log_type')}>
        {named(`audit.event.${e.type}`, e.type)}
        <span className="log-code">{e.type}</span>
      </td>
      <td data-label={t('admin.log_outcome')}>
        <span className={`badge ${e.outcome === 'success' ? 'confirmed' : 'danger'}`}>{t(`admin.outcome_${e.outcome}`)}</span>
      </td>
      <td data-label={t('admin.log_account')}>
        {e.account_id === null ? '—' : e.account_name || `#${e.account_id}`}
        {e.organisation_name && <span className="log-sub">{e.organisation_name}</span>}
      </td>
      <td data-label={t('admin.log_resource')}>
        {e.resource_type ? named(`audit.resource.${e.resource_type}`, e.resource_type) : '—'}
        {e.resource_id && ` ${e.resource_id}`}
        {e.patient_id && e.patient_id !== e.resource_id && <span className="log-sub">{t('admin.log_patient', { id: e.patient_id })}</span>}
      </td>
      <td data-label={t('admin.log_client')}>{e.client_address || '—'}</td>
      <td data-label={t('admin.log_detail')} className="log-detail">{e.detail || '—'}</td>
    </tr>
  );
}

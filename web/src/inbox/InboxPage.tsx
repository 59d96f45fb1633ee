// 確認待ちの発生届 (issue 14 item 2, REP-5): the reports filed in the area, newest first, each
// readable beside the list (a panel at 1280 px; on a phone the list gives way to the report and
// a button leads back); 保健所確認済 one by one or for several ticked at once. A 地方衛生研究所
// (item 3) sees the confirmed reports of its prefecture here and marks them as checked.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import './inbox.css';
import { messageOf } from '../app/api';
import type { InboxFilter } from '../app/codes';
import { dateTime } from '../app/format';
import { useSession } from '../app/session';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { cardCell } from '../components/CardTable';
import { ScrollRegion } from '../components/ScrollRegion';
import * as casesApi from '../cases/api';
import { label } from '../cases/model';
import { ReportTable } from '../cases/ReportTable';
import { ScopePanel } from '../cases/ScopePanel';
import { Pager } from '../components/Pager';
import { checkReportData, confirmReports, readInbox, type ConfirmResult, type InboxItem } from './api';

export function InboxPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const checker = me.may.check_reports;
  const filters: InboxFilter[] = checker ? ['unchecked', 'checked'] : ['unconfirmed', 'confirmed'];
  const [params, setParams] = useSearchParams();
  const filter = (filters as string[]).includes(params.get('filter') ?? '') ? (params.get('filter') as InboxFilter) : filters[0];
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number | null>(null);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [failed, setFailed] = useState<(ConfirmResult & { name?: string })[]>([]);
  const [error, setError] = useState<unknown>(null);
  // One request per click (issue 14 item 4): the button waits for the answer.
  const [busy, setBusy] = useState(false);
  const pending = useRef(false);
  // The panel reads its report again after a bulk confirmation (item 4).
  const [revision, setRevision] = useState(0);
  const inbox = useResource((signal) => readInbox(filter, page, signal), [filter, page], { keepPrevious: true });
  const data = inbox.data;
  const items = data?.items ?? [];
  const confirmable = items.filter((i) => i.may.confirm);

  const choose = (f: InboxFilter) => {
    setParams(f === filters[0] ? {} : { filter: f });
    setPage(1);
    setSelected(null);
    setTicked(new Set());
    setNotice(null);
    setFailed([]);
    setError(null);
  };
  const tick = (id: number, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(id);
    else next.delete(id);
    setTicked(next);
  };
  const nameOf = (i: InboxItem) => i.patient.name || i.patient.kana || t('inbox.unnamed');
  // A report that is not confirmed is named by its patient as the list showed it (the list is
  // read again after the answer); one confirmed already (a colleague) counts as done.
  const confirmTicked = async (list: InboxItem[]) => {
    if (pending.current) return;
    pending.current = true;
    setBusy(true);
    setNotice(null);
    setFailed([]);
    setError(null);
    const names = new Map(list.map((i) => [i.id, nameOf(i)]));
    try {
      const answer = await confirmReports(list.map((i) => ({ id: i.id, version: i.version })));
      const already = answer.results.filter((r) => r.code === 'already_confirmed').length;
      setNotice([t('inbox.confirmed_n', { count: answer.confirmed }), already ? t('inbox.already_n', { count: already }) : ''].filter(Boolean).join(' '));
      setFailed(answer.results.filter((r) => !r.confirmed && r.code !== 'already_confirmed').map((r) => ({ ...r, name: names.get(r.id) })));
      setTicked(new Set());
      setRevision((n) => n + 1);
      await inbox.reload();
    } catch (e) {
      setError(e);
    } finally {
      pending.current = false;
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t(checker ? 'inbox.title_check' : 'inbox.title')}</h1>
      <p>{t(checker ? 'inbox.help_check' : 'inbox.help')}</p>
      <div className="inbox-filters" role="group" aria-label={t('inbox.filter')}>
        {filters.map((f) => (
          <button key={f} type="button" aria-pressed={f === filter} className={f === filter ? 'primary' : ''} onClick={() => choose(f)}>
            {t(`inbox.filter.${f}`)}
          </button>
        ))}
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      {failed.length > 0 && (
        <Alert kind="error">
          {t('inbox.not_confirmed')}
          <ul>
            {failed.map((f) => (
              <li key={f.id}>{`${f.name ?? t('inbox.unnamed')}: ${f.title ?? f.code}`}</li>
            ))}
          </ul>
        </Alert>
      )}
      <ErrorAlert error={inbox.error ?? error} />
      <div className={`inbox ${selected !== null ? 'has-selection' : ''}`}>
        <section className="inbox-list" aria-label={t(`inbox.filter.${filter}`)}>
          {data && data.total !== null && <p className="inbox-total">{t(data.total >= 1000 ? 'inbox.total_capped' : 'inbox.total', { total: data.total })}</p>}
          {data && items.length === 0 && <p>{t('inbox.none')}</p>}
          {items.length > 0 && (
            <>
              {confirmable.length > 0 && (
                <div className="inbox-actions">
                  <label className="check">
                    <input type="checkbox" checked={confirmable.every((i) => ticked.has(i.id))} onChange={(e) => setTicked(e.target.checked ? new Set(confirmable.map((i) => i.id)) : new Set())} />
                    {t('inbox.select_all')}
                  </label>
                  <button type="button" className="primary" disabled={ticked.size === 0 || busy} aria-busy={busy || undefined} onClick={() => void confirmTicked(confirmable.filter((i) => ticked.has(i.id)))}>
                    {t('inbox.confirm_selected', { count: ticked.size })}
                  </button>
                </div>
              )}
              <ScrollRegion label={t(`inbox.filter.${filter}`)}>
                <table className="inbox-table cards">
                  <thead>
                    <tr>
                      {confirmable.length > 0 && (
                        <th scope="col">
                          <span className="visually-hidden">{t('inbox.select_column')}</span>
                        </th>
                      )}
                      <th scope="col">{t('inbox.patient')}</th>
                      <th scope="col">{t('field.diagnosis_class')}</th>
                      <th scope="col">{t('inbox.reporter')}</th>
                      <th scope="col">{t('inbox.submitted_at')}</th>
                      <th scope="col">{t('inbox.scope')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((i) => (
                      <tr key={i.id} className={i.id === selected ? 'selected' : ''}>
                        {confirmable.length > 0 && (
                          <td {...cardCell(t('inbox.select_column'))}>
                            {i.may.confirm && <input type="checkbox" aria-label={t('inbox.select', { name: nameOf(i) })} checked={ticked.has(i.id)} onChange={(e) => tick(i.id, e.target.checked)} />}
                          </td>
                        )}
                        <th scope="row">
                          <button type="button" className="link" aria-current={i.id === selected ? 'true' : undefined} onClick={() => setSelected(i.id)}>
                            {i.patient.name || '—'}
                          </button>
                        </th>
                        <td {...cardCell(t('field.diagnosis_class'))} className="inbox-class">{label(t, 'diagnosis_class', i.diagnosis_class)}</td>
                        <td {...cardCell(t('inbox.reporter'))}>{i.reporter.name}</td>
                        <td {...cardCell(t('inbox.submitted_at'))}>{dateTime(i.submitted_at)}</td>
                        <td {...cardCell(t('inbox.scope'))} className="inbox-scope">{t(!i.scope.decided ? 'inbox.scope_undecided' : i.scope.in_scope ? 'inbox.scope_in' : 'inbox.scope_out')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
              <Pager previous={page > 1} next={!!data?.more} onPrevious={() => setPage(page - 1)} onNext={() => setPage(page + 1)} />
            </>
          )}
        </section>
        <section className="inbox-panel" aria-label={t('inbox.report')}>
          {selected === null ? (
            <p className="hint">{t('inbox.pick')}</p>
          ) : (
            <ReportPanel
              key={`${selected}-${revision}`}
              id={selected}
              onBack={() => setSelected(null)}
              onChanged={async (message) => {
                setNotice(message);
                setFailed([]);
                await inbox.reload();
              }}
            />
          )}
        </section>
      </div>
    </>
  );
}

// The report beside the list: its content as the confirmation screen shows it, its scope, who
// confirmed and checked it, and the one action the caller may take.
function ReportPanel({ id, onBack, onChanged }: { id: number; onBack: () => void; onChanged: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const report = useResource((signal) => casesApi.getReport(id, signal), [id]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const pending = useRef(false);
  const r = report.data;
  const act = async (call: () => Promise<unknown>, message: string) => {
    if (pending.current) return;
    pending.current = true;
    setBusy(true);
    setError(null);
    try {
      await call();
      await report.reload();
      await onChanged(message);
    } catch (e) {
      setError(e);
      await report.reload();
    } finally {
      pending.current = false;
      setBusy(false);
    }
  };
  return (
    <>
      <div className="inbox-panel-head">
        <button type="button" className="inbox-back" onClick={onBack}>
          {t('inbox.back')}
        </button>
        <h2>{t('inbox.report')}</h2>
      </div>
      <ErrorAlert error={report.error} />
      {error !== null && <Alert kind="error">{messageOf(error)}</Alert>}
      {r && (
        <>
          <p>
            <strong>{t(`report.state.${r.state}`)}</strong>
            {' ・ '}
            {r.reporter_name}
          </p>
          {r.confirmed_at && <p>{t('inbox.confirmed_by', { name: r.confirmed_by ?? '—', at: dateTime(r.confirmed_at) })}</p>}
          {r.checked_at && <p>{t('inbox.checked_by', { name: r.checked_by ?? '—', at: dateTime(r.checked_at) })}</p>}
          <div className="inbox-panel-actions">
            {r.may.confirm && (
              <button type="button" className="primary" disabled={busy} onClick={() => void act(() => casesApi.confirmReport(r.id), t('report.confirmed_hc'))}>
                {t('report.confirm_hc')}
              </button>
            )}
            {r.may.check && (
              <button type="button" className="primary" disabled={busy} onClick={() => void act(() => checkReportData(r.id), t('inbox.checked'))}>
                {t('inbox.check')}
              </button>
            )}
            <Link className="button" to={`/cases/${r.patient.id}`}>
              {t('inbox.open_case')}
            </Link>
          </div>
          <ScopePanel scope={r.scope} />
          <ReportTable fields={r.fields} patient={r.patient.identity} hersysId={r.patient.hersys_id ?? undefined} />
        </>
      )}
    </>
  );
}

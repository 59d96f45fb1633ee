// 記録 (CASE-5, issue 14): a dated log of status changes and notes, latest first, and a form
// to add one. Nothing is overwritten: a correction is a new entry. 現在のステータス is the
// status of the latest status change (by its date, then by the time written) - the server
// decides it; this screen shows what it answers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { dateTime, formatDate, tokyoToday } from '../app/format';
import { recordEntryKinds } from '../app/codes';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { cardCell } from '../components/CardTable';
import { ErrorSummary, FormFields, RadioField, SelectField, TextArea, TextField, useForm, useSubmit } from '../components/form';
import { isChanged, useUnsavedChanges } from '../components/UnsavedChanges';
import * as casesApi from './api';
import type { Case, CaseRecord, RecordEntry, RecordEntryInput } from './api';
import { label, options } from './model';
import './record-tab.css';

interface Props {
  kase: Case;
  onSaved: (message: string) => Promise<unknown>;
}

const emptyEntry = (): Required<RecordEntryInput> => ({
  kind: 'note', status: null, effective_on: tokyoToday(), death_date: '', death_place_kind: null, death_place: '', note: '',
});

// What is sent: only the fields of the chosen kind (a note carries no status).
function bodyOf(values: Required<RecordEntryInput>): RecordEntryInput {
  const { kind, status, effective_on, note } = values;
  if (kind === 'note') return { kind, effective_on, note };
  if (status !== 'dead') return { kind, status, effective_on, note };
  return values;
}

// 死亡 with its date and place, as one line.
function deathText(t: TFunction, e: Pick<CaseRecord, 'death_date' | 'death_place_kind' | 'death_place'>) {
  const place = [e.death_place_kind ? label(t, 'death_place', e.death_place_kind) : '', e.death_place].filter(Boolean).join(' · ');
  return t('record.death', { date: formatDate(e.death_date), place: place || '—' });
}

export function RecordTab({ kase, onSaved }: Props) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const log = useResource((signal) => casesApi.getRecordLog(kase.id, offset, signal), [kase.id, offset]);
  const page = log.data;
  const current = page?.current ?? kase.record;
  const saved = async () => {
    // The newest entry is on the first page.
    if (offset === 0) await log.reload();
    else setOffset(0);
    await onSaved(t('form.saved'));
  };
  return (
    <>
      <p className="record-current">
        <span className="record-current-label">{t('record.current')}</span>
        <span className="badge">{current.status ? label(t, 'status', current.status) : t('code.status.none')}</span>
        {current.status && current.effective_on && <span>{t('record.since', { date: formatDate(current.effective_on) })}</span>}
        {current.status === 'dead' && <span>{deathText(t, current)}</span>}
      </p>
      {kase.may.write && <EntryForm kase={kase} onAdded={saved} />}
      <h2>{t('record.log_title')}</h2>
      <ErrorAlert error={log.error} />
      {!page && !log.error && <p>{t('app.loading')}</p>}
      {page && <Log entries={page.entries} total={page.total} offset={offset} onOffset={setOffset} />}
    </>
  );
}

function EntryForm({ kase, onAdded }: { kase: Case; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [start, setStart] = useState(emptyEntry);
  const form = useForm(start);
  const submit = useSubmit(form);
  const guard = useUnsavedChanges(isChanged(form.values, start));
  const { kind, status, death_place_kind: placeKind } = form.values;
  const save = submit.run(async () => {
    await casesApi.addRecordEntry(kase.id, bodyOf(form.values));
    guard.release();
    const next = emptyEntry();
    setStart(next);
    form.setValues(next);
    await onAdded();
  });
  // The server names `status`; here it is the new status.
  const fieldLabel = (field: string) => (field === 'status' ? t('field.new_status') : undefined);
  return (
    <form noValidate onSubmit={save} className="record-form">
      <h2>{t('record.add_title')}</h2>
      <p className="hint">{t('record.add_help')}</p>
      <ErrorAlert error={submit.problem} />
      <ErrorSummary errors={form.errors} labels={(field) => fieldLabel(field) ?? t(`field.${field}`)} />
      <FormFields form={form}>
        <RadioField name="kind" label={t('field.kind')} options={recordEntryKinds.map((k) => [k, t(`code.record_kind.${k}`)] as const)} />
        <div className="grid-2">
          <TextField name="effective_on" type="date" label={t('field.effective_on')} required />
          {kind === 'status' && <SelectField name="status" label={t('field.new_status')} required options={options(t, 'status')} />}
        </div>
        {kind === 'status' && status === 'dead' && (
          <div className="grid-2">
            <TextField name="death_date" type="date" label={t('field.death_date')} required />
            <SelectField name="death_place_kind" label={t('field.death_place_kind')} required options={options(t, 'death_place')} />
            <TextField name="death_place" label={t('field.death_place')} required={placeKind === 'other'} />
          </div>
        )}
        <TextArea name="note" label={t('field.note')} required={kind === 'note'} />
      </FormFields>
      <div className="actions">
        <button type="submit" className="primary" disabled={submit.busy}>{t('form.save')}</button>
      </div>
    </form>
  );
}

function Log({ entries, total, offset, onOffset }: { entries: RecordEntry[]; total: number; offset: number; onOffset: (offset: number) => void }) {
  const { t } = useTranslation();
  if (total === 0) return <p>{t('record.none')}</p>;
  const last = offset + entries.length;
  return (
    <>
      <p className="log-count" aria-live="polite">{t('record.count', { total, first: offset + 1, last })}</p>
      <table className="cards record-log">
        <thead>
          <tr>
            <th scope="col">{t('record.date')}</th>
            <th scope="col">{t('record.entry')}</th>
            <th scope="col">{t('record.by')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td {...cardCell(t('record.date'))} className="record-date">{formatDate(e.effective_on)}</td>
              <td {...cardCell(t('record.entry'))}>
                {/* One block per cell: a phone's card lays the cell out as label and value. */}
                <div className="record-cell">
                  <span className={`badge record-kind ${e.kind}`}>{t(`code.record_kind.${e.kind}`)}</span>{' '}
                  {e.kind === 'status' && <strong>{label(t, 'status', e.status)}</strong>}
                  {e.status === 'dead' && <span className="record-death">{deathText(t, e)}</span>}
                  {e.note && <span className="record-note">{e.note}</span>}
                </div>
              </td>
              <td {...cardCell(t('record.by'))}>
                <div className="record-cell">
                  {e.account_id === null ? t('record.system') : e.account_name}
                  {e.organisation_name && <span className="record-sub">{e.organisation_name}</span>}
                  <span className="record-sub">{t('record.written_at', { at: dateTime(e.written_at) })}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > casesApi.recordPage && (
        <nav className="record-paging" aria-label={t('record.paging')}>
          <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - casesApi.recordPage))}>{t('search.previous')}</button>
          <button type="button" disabled={last >= total} onClick={() => onOffset(offset + casesApi.recordPage)}>{t('search.next')}</button>
        </nav>
      )}
    </>
  );
}

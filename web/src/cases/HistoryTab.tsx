// 変更履歴 (issue 19 item 24): every version of the case and its reports, newest first, in
// pages: when, who (account and organisation), what was done, and what changed as
// before → after per field, labelled by field key. The server computes the changes from the
// stored versions.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { dateTime, formatDate } from '../app/format';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import '../admin/record-cards.css';
import * as casesApi from './api';
import type { FieldChange, Version } from './api';

// Fields whose values are codes, and the list that labels them (`code.<list>.<code>`).
const codeLists: Record<string, string> = {
  diagnosis_class: 'code.diagnosis_class',
  sex: 'code.sex',
  status: 'code.status',
  symptoms: 'code.symptoms',
  risk_factors: 'code.risk_factors',
  method: 'code.method',
  specimen: 'code.specimen',
  result: 'code.result',
  kind: 'code.residence',
  state: 'report.state',
  death_place_kind: 'code.death_place',
  outcome: 'code.outcome',
};

// The order of the forms: a version's changes are listed in it (the server sends them by path).
const formOrder = [
  'name', 'kana', 'sex', 'birth_date', 'phone', 'email', 'postal_code', 'address', 'current_postal_code', 'current_address',
  'nationality', 'entry_date', 'passport_number', 'notify_sms', 'notify_email', 'residences',
  'diagnosis_class', 'occupation', 'symptoms', 'onset_date', 'diagnosis_date', 'tests', 'estimated_infection_date',
  'infection_route', 'infection_place', 'travel_history', 'risk_factors', 'needs_hospitalisation', 'needs_drugs_or_oxygen',
  'vaccination_count', 'pregnant', 'doctor_name', 'free_text', 'acknowledged', 'deemed_positive', 'state',
  'admitted_on', 'discharged_on', 'hospital', 'doctor', 'findings', 'outcome', 'outcome_text', 'icu', 'ventilator', 'ecmo', 'severe',
  'status', 'effective_on', 'death_date', 'death_place_kind', 'death_place', 'note', 'from', 'to', 'keep_related', 'reason',
];
const rank = (field: string) => {
  const at = formOrder.indexOf(field.split('.').pop() ?? field);
  return at < 0 ? formOrder.length : at;
};
const inFormOrder = (changes: FieldChange[]) => [...changes].sort((a, b) => rank(a.field) - rank(b.field));

// The label of a field by its key: the last part of its path ("identity.name" → 氏名).
function fieldLabel(t: TFunction, exists: (key: string) => boolean, path: string): string {
  const key = path.split('.').pop() ?? path;
  for (const candidate of [`field.${path}`, `field.${key}`, `history.field.${key}`]) {
    if (exists(candidate)) return t(candidate);
  }
  return path;
}

// A value as people read it: codes by their label, yes/no, lists joined, empty as （なし）.
function valueText(t: TFunction, exists: (key: string) => boolean, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('history.empty');
  if (typeof value === 'boolean') return t(value ? 'form.yes' : 'form.no');
  if (Array.isArray(value)) return value.map((item) => valueText(t, exists, key, item)).join('、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => valueText(t, exists, k, v))
      .join('・');
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const list = codeLists[key];
  if (list && exists(`${list}.${text}`)) return t(`${list}.${text}`);
  // 省略 lists the fields confirmed as "does not apply": by their labels.
  if (key === 'acknowledged') return fieldLabel(t, exists, text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text); // one date style everywhere
  return text;
}

export function HistoryTab({ id }: { id: number }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const history = useResource((signal) => casesApi.getCaseHistory(id, offset, signal), [id, offset]);
  const page = history.data;
  if (history.error) return <ErrorAlert error={history.error} />;
  if (!page) return <p>{t('app.loading')}</p>;
  const last = offset + page.versions.length;
  return (
    <>
      <p className="log-count" aria-live="polite">
        {page.total === 0 ? t('history.none') : t('history.count', { total: page.total, first: offset + 1, last })}
      </p>
      <table className="record-cards history-table">
        <thead>
          <tr>
            <th scope="col">{t('case.history_when')}</th>
            <th scope="col">{t('case.history_what')}</th>
            <th scope="col">{t('case.history_who')}</th>
            <th scope="col">{t('history.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {page.versions.map((v) => (
            <VersionRow key={`${v.resource_type}-${v.resource_id}-${v.version}`} version={v} />
          ))}
        </tbody>
      </table>
      {page.total > casesApi.historyPage && (
        <nav className="log-paging" aria-label={t('history.paging')}>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - casesApi.historyPage))}>
            {t('admin.log_previous')}
          </button>
          <button type="button" disabled={last >= page.total} onClick={() => setOffset(offset + casesApi.historyPage)}>
            {t('admin.log_next')}
          </button>
        </nav>
      )}
    </>
  );
}

function VersionRow({ version: v }: { version: Version }) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const what = exists(`audit.event.${v.change}`) ? t(`audit.event.${v.change}`) : v.change;
  // A transfer (移管, issue 14) is a record of its own: from where to where, and why.
  const record = v.resource_type === 'report' ? t('history.report', { id: v.resource_id }) : v.resource_type === 'transfer' ? t('history.transfer') : t('history.patient');
  return (
    <tr>
      <td data-label={t('case.history_when')}>{dateTime(v.changed_at)}</td>
      <td data-label={t('case.history_what')}>
        {what}
        <span className="log-sub">
          {record} {t('history.version', { version: v.version })}
        </span>
      </td>
      <td data-label={t('case.history_who')}>
        {v.account_id === null ? t('history.operator') : v.account_name || `#${v.account_id}`}
        {v.organisation_name && <span className="log-sub">{v.organisation_name}</span>}
      </td>
      <td data-label={t('history.changes')}>
        {v.changes.length === 0 ? (
          t('history.no_changes')
        ) : (
          <ul className="history-changes">
            {inFormOrder(v.changes).map((c) => (
              <ChangeItem key={c.field} change={c} />
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function ChangeItem({ change: c }: { change: FieldChange }) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const key = c.field.split('.').pop() ?? c.field;
  const before = c.before === null ? null : valueText(t, exists, key, c.before);
  return (
    <li>
      <span className="history-field">{fieldLabel(t, exists, c.field)}</span>
      {before !== null && (
        <>
          <span className="history-before">
            <span className="visually-hidden">{t('history.before')}</span>
            {before}
          </span>
          <span className="history-arrow" aria-hidden="true">→</span>
        </>
      )}
      <span className="history-after">
        {before !== null && <span className="visually-hidden">{t('history.after')}</span>}
        {valueText(t, exists, key, c.after)}
      </span>
    </li>
  );
}

// アカウントの一括発行 (ORG-2, issue 14 item 3): an administrator (or the issuer of the
// organisations it registered) chooses a CSV file - UTF-8, or Shift_JIS as Excel saves it in
// Japan, decoded here - the server checks every row first and names every problem by row and
// field; then all accounts are issued together or none. The initial passwords are shown once,
// printed as one A4 handout per account, or saved as CSV. The rules of the file are the
// server's (identity/account_import.h), the same as `hersys admin import-accounts`. Problems
// are named by the file's line as Excel numbers it (the header is line 1). Issuing takes
// seconds (argon2 per account): 「発行中…」 is announced meanwhile. Leaving the results before
// printing or saving asks about the passwords, which are shown only once (walk items 11-13).
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, messageOf, type FieldError } from '../app/api';
import { useSession } from '../app/session';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { cardCell } from '../components/CardTable';
import { ScrollRegion } from '../components/ScrollRegion';
import { useUnsavedChanges, type GuardWords } from '../components/UnsavedChanges';
import * as adminApi from './api';
import type { ImportedAccount } from './api';
import { HandoutSheet } from './HandoutSheet';
import './import.css';

// The question on leaving the results before printing or saving them (walk item 12).
const passwordsOnce: GuardWords = { title: 'import.leave_title', help: 'import.leave_help', stay: 'import.leave_stay', leave: 'import.leave_go' };

const sample = 'organisation_code,login_id,display_name,role\r\n,,病棟看護師1,staff\r\n,,病棟看護師2,staff\r\n,,感染管理室,admin\r\n';

// The file's text: UTF-8 (a byte-order mark is the server's to skip), else Shift_JIS.
async function readCsv(file: File): Promise<string | null> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}

// "row 3: login_id" -> [3, 'login_id']; "file" -> [null, 'file'].
function placeOf(field: string): [number | null, string] {
  const m = /^row (\d+): (.+)$/.exec(field);
  return m ? [Number(m[1]), m[2]] : [null, field];
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// A cell as a spreadsheet reads it: quoted where needed, and never run as a formula (a display
// name from the uploaded file may start with = + - @), as the server's CSV files do.
const quote = (text: string) => {
  const s = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function AccountImportPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const registered = useResource((signal) => adminApi.registeredBy(me.organisation.id, signal), [me.organisation.id]);
  const organisations = [me.organisation, ...(registered.data ?? [])];
  const [organisationId, setOrganisationId] = useState(me.organisation.id);
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [checked, setChecked] = useState<ImportedAccount[] | null>(null);
  const [issued, setIssued] = useState<ImportedAccount[] | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  // The number of accounts being issued, while the server hashes their passwords.
  const [issuing, setIssuing] = useState(0);
  // Printed or saved: the passwords are in the user's hands.
  const [handedOut, setHandedOut] = useState(false);
  // A checked file not yet issued is an unsaved edit; once issued, the question is about the
  // passwords shown only once, and none once they are printed or saved (walk item 12).
  useUnsavedChanges(!!checked && !issued);
  useUnsavedChanges(!!issued && !handedOut, passwordsOnce);

  const reset = () => {
    setChecked(null);
    setIssued(null);
    setErrors([]);
    setProblem('');
    setHandedOut(false);
  };
  const call = async (text: string, issue: boolean) => {
    setBusy(true);
    if (issue) setIssuing(checked?.length ?? 0);
    setErrors([]);
    setProblem('');
    try {
      const answer = await adminApi.importAccounts(text, organisationId, issue);
      if (issue) {
        setChecked(null);
        setIssued(answer.accounts);
      } else {
        setChecked(answer.accounts);
      }
    } catch (error) {
      const fields = fieldErrorsOf(error);
      // In the file's order: the whole file first, then row by row.
      if (fields.length) setErrors([...fields].sort((a, b) => (placeOf(a.field)[0] ?? 0) - (placeOf(b.field)[0] ?? 0)));
      else setProblem(messageOf(error));
    } finally {
      setBusy(false);
      setIssuing(0);
    }
  };
  const choose = async (file: File | undefined) => {
    reset();
    setCsv(null);
    if (!file) return;
    setFileName(file.name);
    const text = await readCsv(file);
    if (text === null) {
      setProblem(t('import.encoding_error'));
      return;
    }
    setCsv(text);
    await call(text, false);
  };
  const print = () => {
    document.body.classList.add('printing-handout');
    window.addEventListener('afterprint', () => document.body.classList.remove('printing-handout'), { once: true });
    window.print();
    setHandedOut(true);
  };
  const saveCsv = (accounts: ImportedAccount[]) => {
    const lines = ['organisation_code,organisation_name,login_id,display_name,role,initial_password'];
    for (const a of accounts) lines.push([a.organisation_code, a.organisation_name, a.login_id, a.display_name, a.role, a.initial_password ?? ''].map(quote).join(','));
    download(`accounts-${new Date().toISOString().slice(0, 10)}.csv`, lines.join('\r\n') + '\r\n');
    setHandedOut(true);
  };
  const fieldLabel = (field: string) => {
    const key = `import.field_${field}`;
    return t(key) === key ? field : t(key);
  };

  return (
    <>
      <h1>{t('import.title')}</h1>
      {!issued && (
        <>
          <p>{t('import.help')}</p>
          <p>
            <button type="button" className="link" onClick={() => download('accounts-sample.csv', sample)}>
              {t('import.template')}
            </button>
          </p>
          <div className="grid-2">
            <div className="field">
              <label htmlFor="import-organisation">{t('import.organisation')}</label>
              <select id="import-organisation" className="wide" value={organisationId} onChange={(e) => { setOrganisationId(Number(e.target.value)); reset(); }}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.code} {o.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="import-file">{t('import.file')}</label>
              <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
              {fileName && <p className="hint">{fileName}</p>}
            </div>
          </div>
        </>
      )}
      <ErrorAlert error={problem || registered.error} />
      {errors.length > 0 && (
        <>
          <Alert kind="error">{t('import.errors', { count: errors.length })}</Alert>
          <ScrollRegion label={t('import.errors', { count: errors.length })}>
            <table className="cards">
              <thead>
                <tr>
                  <th scope="col">{t('import.row')}</th>
                  <th scope="col">{t('import.field')}</th>
                  <th scope="col">{t('import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {errors.map((e, i) => {
                  const [row, field] = placeOf(e.field);
                  return (
                    <tr key={i}>
                      <td className="nowrap" {...cardCell(t('import.row'))}>{row ?? t('import.whole_file')}</td>
                      <td {...cardCell(t('import.field'))}>{row === null && field === 'file' ? '—' : fieldLabel(field)}</td>
                      <td {...cardCell(t('import.problem'))}>{e.message}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      {checked && csv !== null && (
        <>
          <Alert kind="info">{t('import.checked', { count: checked.length })}</Alert>
          <Accounts accounts={checked} />
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void call(csv, true)}>
              {issuing ? t('import.issuing', { count: issuing }) : t('import.issue', { count: checked.length })}
            </button>
          </div>
        </>
      )}
      {/* Announced while the server issues (walk item 11); present before, so that it is read. */}
      <p role="status" aria-live="polite" className={issuing ? 'hint' : 'visually-hidden'}>
        {issuing ? t('import.issuing', { count: issuing }) : ''}
      </p>
      {issued && (
        <>
          <Alert kind="success">{t('import.issued', { count: issued.length })}</Alert>
          <Alert kind="warning">
            <strong>{t('import.once_notice')}</strong>
            {handedOut && <> {t('import.handed_out')}</>}
          </Alert>
          <div className="actions">
            <button type="button" className="primary" onClick={print}>{t('import.print')}</button>
            <button type="button" onClick={() => saveCsv(issued)}>{t('import.download')}</button>
            <button type="button" onClick={() => { reset(); setCsv(null); setFileName(''); }}>{t('import.again')}</button>
          </div>
          <Accounts accounts={issued} />
          <Handouts accounts={issued} />
        </>
      )}
    </>
  );
}

function Accounts({ accounts }: { accounts: ImportedAccount[] }) {
  const { t } = useTranslation();
  const withPasswords = accounts.some((a) => a.initial_password);
  return (
    <ScrollRegion label={t('menu.accounts')}>
      <table className="cards">
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('admin.organisation')}</th>
            <th scope="col">{t('account.login_id')}</th>
            <th scope="col">{t('account.display_name')}</th>
            <th scope="col">{t('account.role')}</th>
            {withPasswords && <th scope="col">{t('admin.initial_password')}</th>}
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.row}>
              <td {...cardCell(t('import.row'))}>{a.row}</td>
              <td {...cardCell(t('admin.organisation'))}>{a.organisation_name}</td>
              <td className="break" {...cardCell(t('account.login_id'))}>{a.login_id || t('import.generated')}</td>
              <td {...cardCell(t('account.display_name'))}>{a.display_name}</td>
              <td {...cardCell(t('account.role'))}>{t(`admin.role_${a.role}`)}</td>
              {withPasswords && (
                <td className="break" {...cardCell(t('admin.initial_password'))}>
                  <span className="once">{a.initial_password}</span>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

// One A4 page per account (HandoutSheet), printed alone (body.printing-handout, app/styles.css).
function Handouts({ accounts }: { accounts: ImportedAccount[] }) {
  return createPortal(
    <section className="handout" aria-hidden="true" data-testid="handouts">
      {accounts.map((a) => (
        <article className="handout-page" key={a.row}>
          <HandoutSheet holder={`${a.organisation_name} ${a.display_name}`} loginId={a.login_id} initialPassword={a.initial_password} />
        </article>
      ))}
    </section>,
    document.body,
  );
}

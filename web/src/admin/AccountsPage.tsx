// アカウント管理 (ORG-1, ORG-2, AUTH-3): the accounts of the caller's organisation and of the
// organisations it issued; issue one (its initial password shown once), unlock, reset.
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { compact } from '../app/api';
import type { Role } from '../app/codes';
import { roles } from '../app/codes';
import { dateTime } from '../app/format';
import { useSession } from '../app/session';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { ErrorSummary, FormFields, RadioField, TextField, useForm, useSubmit } from '../components/form';
import { Modal } from '../components/Modal';
import { cardCell } from '../components/CardTable';
import { isChanged, useUnsavedChanges } from '../components/UnsavedChanges';
import { ScrollRegion } from '../components/ScrollRegion';
import * as adminApi from './api';
import { HandoutSheet } from './HandoutSheet';
import type { AccountStatus, Issued } from './api';

const blank = (): { display_name: string; login_id: string; role: Role } => ({ display_name: '', login_id: '', role: 'staff' });

export function AccountsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [params] = useSearchParams();
  const [selected, setSelected] = useState(Number(params.get('organisation')) || me.organisation.id);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [tokensOf, setTokensOf] = useState<AccountStatus | null>(null);
  const form = useForm(blank);
  const submit = useSubmit(form);
  useUnsavedChanges(isChanged(form.values, blank()));
  // The caller's organisation and those it registered (without them when they cannot be listed).
  const registered = useResource((signal) => adminApi.registeredBy(me.organisation.id, signal), [me.organisation.id]);
  const organisations = [me.organisation, ...(registered.data ?? [])];
  const accounts = useResource((signal) => adminApi.listAccounts(selected, signal), [selected]);

  // Issuing and resetting answer with the initial password, shown once.
  const act = (work: () => Promise<unknown>, then?: () => void) =>
    submit.run(async () => {
      const answer = await work();
      if (isIssued(answer)) setIssued(answer);
      then?.();
      await accounts.reload();
    });
  const issue = act(
    () => adminApi.issueAccount(selected, compact(form.values) as adminApi.NewAccount),
    () => form.setValues(blank()),
  );
  const status = (a: AccountStatus) => {
    if (a.disabled) return t('admin.disabled');
    if (a.locked_until && new Date(a.locked_until) > new Date()) return t('admin.locked');
    if (a.must_change_password) return t('admin.initial');
    if (!a.second_factor) return t('admin.no_second_factor');
    return t('admin.active');
  };
  return (
    <>
      <h1>{t('menu.accounts')}</h1>
      <div className="field">
        <label htmlFor="organisation">{t('admin.organisation')}</label>
        <select id="organisation" value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.code} {o.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={submit.problem || accounts.error} />
      <ScrollRegion label={t('menu.accounts')}>
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">{t('account.login_id')}</th>
              <th scope="col">{t('account.display_name')}</th>
              <th scope="col">{t('account.role')}</th>
              <th scope="col">{t('admin.status')}</th>
              <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {(accounts.data ?? []).map((a) => (
              <tr key={a.id}>
                <td {...cardCell(t('account.login_id'))}>{a.login_id}</td>
                <td {...cardCell(t('account.display_name'))}>{a.display_name}</td>
                <td {...cardCell(t('account.role'))}>{t(`admin.role_${a.role}`)}</td>
                <td {...cardCell(t('admin.status'))}>{status(a)}</td>
                <td className="row-actions">
                  {(a.locked_until || a.failed_attempts > 0) && a.id !== me.account.id && (
                    <button type="button" onClick={act(() => adminApi.unlockAccount(a.id))} aria-label={t('admin.unlock_name', { name: a.login_id })}>
                      {t('admin.unlock')}
                    </button>
                  )}
                  {a.id !== me.account.id && (
                    <>
                      <button type="button" onClick={() => setTokensOf(a)} aria-label={t('admin.tokens_name', { name: a.login_id })}>
                        {t('admin.tokens')}
                      </button>
                      <button type="button" onClick={act(() => adminApi.setAccountDisabled(a.id, !a.disabled))} aria-label={t(a.disabled ? 'admin.enable_name' : 'admin.disable_name', { name: a.login_id })}>
                        {t(a.disabled ? 'admin.enable' : 'admin.disable')}
                      </button>
                      <button type="button" className="danger" onClick={act(() => adminApi.resetAccount(a.id))} aria-label={t('admin.reset_name', { name: a.login_id })}>
                        {t('admin.reset')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2>{t('admin.issue')}</h2>
      <p>
        <Link to="/admin/accounts/import">{t('import.link')}</Link>
      </p>
      <form noValidate onSubmit={issue}>
        <ErrorSummary errors={form.errors} labels="account" />
        <FormFields form={form}>
          <div className="grid-2">
            <TextField name="display_name" label={t('account.display_name')} hint={t('account.display_name_hint')} required />
            <TextField name="login_id" label={t('account.login_id')} hint={t('account.login_id_hint')} />
          </div>
          <RadioField name="role" label={t('account.role')} options={roles.map((r) => [r, t(`admin.role_${r}`)] as const)} />
        </FormFields>
        <button type="submit" className="primary">{t('admin.issue_do')}</button>
      </form>
      <Modal open={!!issued} title={t('admin.issued_title')} onClose={() => setIssued(null)} actions={<button type="button" className="primary" onClick={() => setIssued(null)}>{t('form.close')}</button>}>
        {issued && <IssuedPassword issued={issued} organisation={organisations.find((o) => o.id === selected)?.name ?? ''} />}
      </Modal>
      <Modal open={!!tokensOf} title={t('admin.tokens_title', { name: tokensOf?.login_id ?? '' })} onClose={() => setTokensOf(null)} actions={<button type="button" className="primary" onClick={() => setTokensOf(null)}>{t('form.close')}</button>}>
        {tokensOf && <AccountTokens account={tokensOf} />}
      </Modal>
    </>
  );
}

// An account's API tokens as its issuer sees them (never the secret), each revocable (issue 19
// item 1); listing and revoking are in the access log.
function AccountTokens({ account }: { account: AccountStatus }) {
  const { t } = useTranslation();
  const tokens = useResource((signal) => adminApi.listAccountTokens(account.id, signal), [account.id]);
  const [problem, setProblem] = useState<unknown>(null);
  const revoke = (id: number) => {
    adminApi.revokeAccountToken(account.id, id).then(() => tokens.reload(), setProblem);
  };
  if (tokens.error || problem) return <ErrorAlert error={tokens.error ?? problem} />;
  if (!tokens.data) return <p>{t('app.loading')}</p>;
  if (!tokens.data.length) return <p>{t('admin.tokens_none')}</p>;
  return (
    <table className="cards">
      <thead>
        <tr>
          <th scope="col">{t('admin.token_name')}</th>
          <th scope="col">{t('admin.token_expires')}</th>
          <th scope="col">{t('admin.token_last_used')}</th>
          <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {tokens.data.map((tok) => (
          <tr key={tok.id}>
            <td {...cardCell(t('admin.token_name'))}>{tok.name}</td>
            <td {...cardCell(t('admin.token_expires'))}>{dateTime(tok.expires_at)}</td>
            <td {...cardCell(t('admin.token_last_used'))}>{tok.last_used_at ? dateTime(tok.last_used_at) : '—'}</td>
            <td className="row-actions">
              {tok.revoked ? (
                t('admin.token_revoked')
              ) : (
                <button type="button" className="danger" onClick={() => revoke(tok.id)} aria-label={t('admin.revoke_token_name', { name: tok.name })}>
                  {t('admin.revoke_token')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function isIssued(answer: unknown): answer is Issued {
  return typeof answer === 'object' && answer !== null && 'initial_password' in answer && typeof answer.initial_password === 'string';
}

// The initial password, shown once (issue 19 item 26): copied with a button, or printed as a
// handout for the account holder - the login ID, the initial password and how to sign in.
function IssuedPassword({ issued, organisation }: { issued: Issued; organisation: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState('');
  const copy = (text: string, what: string) => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(t('admin.copied', { what })),
      () => setCopied(t('admin.copy_failed')),
    );
  };
  const print = () => {
    document.body.classList.add('printing-handout');
    window.addEventListener('afterprint', () => document.body.classList.remove('printing-handout'), { once: true });
    window.print();
  };
  return (
    <>
      <p>{t('admin.issued_help')}</p>
      <dl className="summary">
        <dt>{t('account.login_id')}</dt>
        <dd>
          <span className="once" data-testid="issued-login">{issued.login_id}</span>{' '}
          <button type="button" onClick={() => copy(issued.login_id, t('account.login_id'))}>{t('admin.copy')}</button>
        </dd>
        <dt>{t('admin.initial_password')}</dt>
        <dd>
          <span className="once" data-testid="issued-password">{issued.initial_password}</span>{' '}
          <button type="button" onClick={() => copy(issued.initial_password, t('admin.initial_password'))}>{t('admin.copy')}</button>
        </dd>
      </dl>
      <p role="status">{copied}</p>
      <div className="actions">
        <button type="button" onClick={print}>{t('admin.print_handout')}</button>
      </div>
      {createPortal(
        <section className="handout" aria-hidden="true">
          <HandoutSheet holder={organisation} loginId={issued.login_id} initialPassword={issued.initial_password} />
        </section>,
        document.body,
      )}
    </>
  );
}

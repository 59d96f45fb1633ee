// アカウント管理 (ORG-1, ORG-2, AUTH-3): the accounts of the caller's organisation and of the
// organisations it issued; issue one (its initial password shown once), unlock, reset.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, compact, messageOf } from '../app/api';
import { useSession, type Organisation } from '../app/session';
import { ErrorSummary, FormFields, RadioField, TextField, useForm, useSubmit } from '../components/form';
import { Modal } from '../components/Modal';
import { registeredBy } from './OrganisationsPage';
import { ScrollRegion } from '../components/ScrollRegion';

interface AccountStatus {
  id: number;
  login_id: string;
  display_name: string;
  role: 'staff' | 'admin';
  must_change_password: boolean;
  second_factor: boolean;
  failed_attempts: number;
  locked_until: string | null;
  disabled: boolean;
}

export function AccountsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [organisations, setOrganisations] = useState<Organisation[]>([me.organisation]);
  const [params] = useSearchParams();
  const [selected, setSelected] = useState(Number(params.get('organisation')) || me.organisation.id);
  const [accounts, setAccounts] = useState<AccountStatus[]>([]);
  const [issued, setIssued] = useState<{ login_id: string; initial_password: string } | null>(null);
  const form = useForm({ display_name: '', login_id: '', role: 'staff' });
  const submit = useSubmit(form);

  useEffect(() => {
    registeredBy(me.organisation.id).then(
      (children) => setOrganisations([me.organisation, ...children]),
      () => undefined,
    );
  }, [me.organisation]);
  const load = useCallback(() => {
    api<{ accounts: AccountStatus[] }>('GET', `/api/v1/organisations/${selected}/accounts`).then((a) => setAccounts(a.accounts), (e) => submit.setProblem(messageOf(e)));
  }, [selected]);
  useEffect(load, [load]);

  // Issuing and resetting answer with the initial password, shown once.
  const act = (work: () => Promise<any>, then?: () => void) =>
    submit.run(async () => {
      const answer = await work();
      if (answer?.initial_password) setIssued({ login_id: answer.login_id, initial_password: answer.initial_password });
      then?.();
      load();
    })();
  const issue = () => act(() => api('POST', `/api/v1/organisations/${selected}/accounts`, compact(form.values)), () => form.setValues({ display_name: '', login_id: '', role: 'staff' }));
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
      {submit.problem && <p className="alert" role="alert">{submit.problem}</p>}
      <ScrollRegion label={t('menu.accounts')}>
        <table>
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
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>{a.login_id}</td>
                <td>{a.display_name}</td>
                <td>{t(`admin.role_${a.role}`)}</td>
                <td>{status(a)}</td>
                <td className="row-actions">
                  {(a.locked_until || a.failed_attempts > 0) && a.id !== me.account.id && (
                    <button type="button" onClick={() => void act(() => api('POST', `/api/v1/accounts/${a.id}/unlock`))} aria-label={t('admin.unlock_name', { name: a.login_id })}>
                      {t('admin.unlock')}
                    </button>
                  )}
                  {a.id !== me.account.id && (
                    <button type="button" className="danger" onClick={() => void act(() => api('POST', `/api/v1/accounts/${a.id}/reset`))} aria-label={t('admin.reset_name', { name: a.login_id })}>
                      {t('admin.reset')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2>{t('admin.issue')}</h2>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void issue(); }}>
        <ErrorSummary errors={form.errors} labels="account" />
        <FormFields form={form}>
          <div className="grid-2">
            <TextField name="display_name" label={t('account.display_name')} hint={t('account.display_name_hint')} required />
            <TextField name="login_id" label={t('account.login_id')} hint={t('account.login_id_hint')} />
          </div>
          <RadioField name="role" label={t('account.role')} options={[['staff', t('admin.role_staff')], ['admin', t('admin.role_admin')]]} />
        </FormFields>
        <button type="submit" className="primary">{t('admin.issue_do')}</button>
      </form>
      <Modal open={!!issued} title={t('admin.issued_title')} onClose={() => setIssued(null)} actions={<button type="button" className="primary" onClick={() => setIssued(null)}>{t('form.close')}</button>}>
        <p>{t('admin.issued_help')}</p>
        <dl className="summary">
          <dt>{t('account.login_id')}</dt>
          <dd><span className="once" data-testid="issued-login">{issued?.login_id}</span></dd>
          <dt>{t('admin.initial_password')}</dt>
          <dd><span className="once" data-testid="issued-password">{issued?.initial_password}</span></dd>
        </dl>
      </Modal>
    </>
  );
}

// 機関の登録 (ORG-2): a prefecture registers its health centers, a health center the medical
// institutions, follow-up centers and lodging facilities of its area. The server assigns the
// code and decides which kinds the caller may create; the new organisation's first account is
// then issued on the accounts screen.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, compact, messageOf } from '../app/api';
import { childKinds, useSession, type Organisation, type OrganisationKind } from '../app/session';
import { CheckboxField, ErrorSummary, FormFields, RadioField, TextField, useForm, useSubmit } from '../components/form';
import { ScrollRegion } from '../components/ScrollRegion';

// The organisations registered by `parentId` (the accounts screen lists them too).
export function registeredBy(parentId: number): Promise<Organisation[]> {
  return api<{ organisations: Organisation[] }>('GET', `/api/v1/organisations?parent_id=${parentId}&limit=500`).then((a) => a.organisations);
}

interface NewOrganisation {
  kind: OrganisationKind;
  name: string;
  address: string;
  email: string;
  municipality_code: string;
  city_health_center: boolean;
  files_daily_reports: boolean;
}

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const kinds = childKinds[me.organisation.kind] ?? [];
  const blank = (kind: OrganisationKind): NewOrganisation => ({ kind, name: '', address: '', email: '', municipality_code: '', city_health_center: false, files_daily_reports: kind === 'medical_institution' });
  const form = useForm<NewOrganisation>(blank(kinds[0]));
  const submit = useSubmit(form);
  const [children, setChildren] = useState<Organisation[]>([]);
  const [created, setCreated] = useState<Organisation | null>(null);
  const load = useCallback(() => {
    registeredBy(me.organisation.id).then(setChildren, (e) => submit.setProblem(messageOf(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me.organisation.id]);
  useEffect(load, [load]);

  // The server keeps each switch only for the kind it belongs to.
  const register = submit.run(async () => {
    setCreated(null);
    setCreated(await api<Organisation>('POST', '/api/v1/organisations', compact(form.values)));
    form.setValues(blank(form.values.kind));
    load();
  });
  if (kinds.length === 0) return <p>{t('admin.registers_none')}</p>;
  return (
    <>
      <h1>{t('menu.organisations')}</h1>
      {created && (
        <p className="notice" role="status">
          {t('admin.organisation_created', { name: created.name, code: created.code })}{' '}
          <Link to={`/admin/accounts?organisation=${created.id}`}>{t('admin.issue_first_account')}</Link>
        </p>
      )}
      {submit.problem && <p className="alert" role="alert">{submit.problem}</p>}
      <h2>{t('org.register')}</h2>
      <form noValidate onSubmit={register}>
        <ErrorSummary errors={form.errors} labels="org" />
        <FormFields form={form}>
          <RadioField name="kind" label={t('org.kind')} options={kinds.map((k) => [k, t(`admin.kind_${k}`)] as const)} />
          <div className="grid-2">
            <TextField name="name" label={t('org.name')} required />
            <TextField name="email" type="email" label={t('org.email')} hint={t('org.email_hint')} required />
            <TextField name="address" label={t('org.address')} required />
            <TextField name="municipality_code" label={t('org.municipality_code')} hint={t('org.municipality_code_hint')} inputMode="numeric" />
          </div>
          {form.values.kind === 'health_center' && <CheckboxField name="city_health_center" label={t('org.city_health_center')} />}
          {form.values.kind === 'medical_institution' && <CheckboxField name="files_daily_reports" label={t('org.files_daily_reports')} />}
        </FormFields>
        <button type="submit" className="primary" disabled={submit.busy}>{t('admin.register')}</button>
      </form>
      <h2>{t('admin.children', { name: me.organisation.name })}</h2>
      {children.length === 0 ? (
        <p>{t('admin.no_children_yet')}</p>
      ) : (
        <ScrollRegion label={t('admin.children', { name: me.organisation.name })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.code')}</th>
                <th scope="col">{t('org.name')}</th>
                <th scope="col">{t('org.kind')}</th>
                <th scope="col">{t('org.address')}</th>
                <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {children.map((o) => (
                <tr key={o.id}>
                  <td className="nowrap">{o.code}</td>
                  <td>{o.name}</td>
                  <td>{t(`admin.kind_${o.kind}`)}{o.files_daily_reports && `（${t('admin.daily_reporter')}）`}</td>
                  <td>{o.address}</td>
                  <td><Link to={`/admin/accounts?organisation=${o.id}`} aria-label={t('admin.accounts_of', { name: o.name })}>{t('menu.accounts')}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}

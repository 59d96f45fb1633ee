// 機関の登録 (ORG-2): a prefecture registers its health centers, a health center the medical
// institutions, follow-up centers and lodging facilities of its area. The kinds offered are
// those the server says the caller registers (`me.may.create_organisations`); the server
// assigns the code; the new organisation's first account is then issued on the accounts screen.
// Every organisation has a phone and a contact person (担当者); the issuer edits and retires
// what it registered, and a retired one is listed as such (issue 14 item 1).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { compact } from '../app/api';
import { toHalfWidth } from '../app/normalise';
import type { OrganisationKind } from '../app/codes';
import { useSession } from '../app/session';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { CheckboxField, ErrorSummary, FormFields, RadioField, TextField, useForm, useSubmit } from '../components/form';
import { Modal } from '../components/Modal';
import { ScrollRegion } from '../components/ScrollRegion';
import { cardCell } from '../components/CardTable';
import { isChanged, useUnsavedChanges } from '../components/UnsavedChanges';
import * as adminApi from './api';
import type { NewOrganisation, Organisation, OrganisationEdit } from './api';

type Form = Required<NewOrganisation>;
const blank = (kind: OrganisationKind): Form => ({ kind, name: '', address: '', email: '', phone: '', contact_person: '', municipality_code: '', city_health_center: false, files_daily_reports: kind === 'medical_institution', public_health_institute: false });

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const kinds = me.may.create_organisations;
  if (kinds.length === 0) return <p>{t('admin.registers_none')}</p>;
  return <Register kinds={kinds} parent={me.organisation} />;
}

function Register({ kinds, parent }: { kinds: OrganisationKind[]; parent: Organisation }) {
  const { t } = useTranslation();
  // The kind as the list says it: a daily reporter or a 地方衛生研究所 is named so.
  const kindOf = (o: Organisation) => {
    const kind = t(`admin.kind_${o.kind}`);
    if (o.public_health_institute) return t('admin.kind_institute', { kind });
    return o.files_daily_reports ? t('admin.kind_daily_reporter', { kind }) : kind;
  };
  const form = useForm<Form>(() => blank(kinds[0]));
  const submit = useSubmit(form);
  const registered = useResource((signal) => adminApi.registeredBy(parent.id, signal, true), [parent.id]);
  const children = registered.data ?? [];
  const [created, setCreated] = useState<Organisation | null>(null);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [changed, setChanged] = useState('');
  const retire = (o: Organisation) =>
    submit.run(async () => {
      setChanged('');
      const saved = await adminApi.setOrganisationRetired(o.id, !o.retired);
      setChanged(t(saved.retired ? 'org.retired_done' : 'org.reinstated_done', { name: saved.name }));
      await registered.reload();
    });
  useUnsavedChanges(isChanged(form.values, blank(form.values.kind)));

  // The server keeps each switch only for the kind it belongs to.
  const register = submit.run(async () => {
    setCreated(null);
    setCreated(await adminApi.createOrganisation(compact(form.values) as NewOrganisation));
    form.setValues(blank(form.values.kind));
    await registered.reload();
  });
  return (
    <>
      <h1>{t('menu.organisations')}</h1>
      {created && (
        <Alert kind="success">
          {t('admin.organisation_created', { name: created.name, code: created.code })}{' '}
          <Link to={`/admin/accounts?organisation=${created.id}`}>{t('admin.issue_first_account')}</Link>
        </Alert>
      )}
      {changed && <Alert kind="success">{changed}</Alert>}
      <ErrorAlert error={submit.problem || registered.error} />
      <h2>{t('org.register')}</h2>
      {/* Left out while an organisation is edited: the edit's fields have the same ids. */}
      {!editing && (
        <form noValidate onSubmit={register}>
          <ErrorSummary errors={form.errors} labels="org" />
          <FormFields form={form}>
            <RadioField name="kind" label={t('org.kind')} options={kinds.map((k) => [k, t(`admin.kind_${k}`)] as const)} />
            <div className="grid-2">
              <TextField name="name" label={t('org.name')} required />
              <TextField name="email" type="email" label={t('org.email')} hint={t('org.email_hint')} required />
              <TextField name="address" label={t('org.address')} required />
              <TextField name="phone" type="tel" label={t('org.phone')} hint={t('org.phone_hint')} inputMode="tel" normalise={toHalfWidth} required />
              <TextField name="contact_person" label={t('org.contact_person')} hint={t('org.contact_person_hint')} required />
              <TextField name="municipality_code" label={t('org.municipality_code')} hint={t('org.municipality_code_hint')} inputMode="numeric" />
            </div>
            {form.values.kind === 'health_center' && <CheckboxField name="city_health_center" label={t('org.city_health_center')} />}
            {form.values.kind === 'health_center' && <CheckboxField name="public_health_institute" label={t('org.public_health_institute')} />}
            {form.values.kind === 'medical_institution' && <CheckboxField name="files_daily_reports" label={t('org.files_daily_reports')} />}
          </FormFields>
          <button type="submit" className="primary" disabled={submit.busy}>{t('admin.register')}</button>
        </form>
      )}
      <h2>{t('admin.children', { name: parent.name })}</h2>
      {children.length === 0 ? (
        <p>{t('admin.no_children_yet')}</p>
      ) : (
        <ScrollRegion label={t('admin.children', { name: parent.name })}>
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">{t('admin.code')}</th>
                <th scope="col">{t('org.name')}</th>
                <th scope="col">{t('org.kind')}</th>
                <th scope="col">{t('org.phone')}</th>
                <th scope="col">{t('org.contact_person')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col"><span className="visually-hidden">{t('admin.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {children.map((o) => (
                <tr key={o.id} className={o.retired ? 'retired' : undefined}>
                  <td className="nowrap" {...cardCell(t('admin.code'))}>{o.code}</td>
                  <td {...cardCell(t('org.name'))}>{o.name}</td>
                  <td {...cardCell(t('org.kind'))}>{kindOf(o)}</td>
                  <td className="nowrap" {...cardCell(t('org.phone'))}>{o.phone ? <a href={`tel:${o.phone}`}>{o.phone}</a> : '—'}</td>
                  <td {...cardCell(t('org.contact_person'))}>{o.contact_person || '—'}</td>
                  <td className="nowrap" {...cardCell(t('admin.status'))}>{o.retired ? <strong>{t('org.retired')}</strong> : t('org.in_use')}</td>
                  <td className="row-actions">
                    {!o.retired && <Link to={`/admin/accounts?organisation=${o.id}`} aria-label={t('admin.accounts_of', { name: o.name })}>{t('menu.accounts')}</Link>}
                    <button type="button" onClick={() => setEditing(o)} aria-label={t('org.edit_name', { name: o.name })}>{t('org.edit')}</button>
                    <button type="button" className={o.retired ? undefined : 'danger'} onClick={retire(o)} aria-label={t(o.retired ? 'org.reinstate_name' : 'org.retire_name', { name: o.name })}>
                      {t(o.retired ? 'org.reinstate' : 'org.retire')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {editing && (
        <EditOrganisation
          organisation={editing}
          onClose={() => setEditing(null)}
          onSaved={async (saved) => {
            setEditing(null);
            setChanged(t('org.saved', { name: saved.name }));
            await registered.reload();
          }}
        />
      )}
    </>
  );
}

// The issuer's edit of one organisation, sent with the version it read: a change made
// meanwhile is refused (409) and said so.
function EditOrganisation({ organisation: o, onClose, onSaved }: { organisation: Organisation; onClose: () => void; onSaved: (saved: Organisation) => Promise<void> }) {
  const { t } = useTranslation();
  const start: OrganisationEdit = { name: o.name, address: o.address, email: o.email, phone: o.phone, contact_person: o.contact_person, municipality_code: o.municipality_code, files_daily_reports: o.files_daily_reports, public_health_institute: !!o.public_health_institute, version: o.version };
  const form = useForm<OrganisationEdit>(() => start);
  const submit = useSubmit(form);
  const save = submit.run(async () => onSaved(await adminApi.updateOrganisation(o.id, form.values)));
  const formId = `edit-organisation-${o.id}`;
  return (
    <Modal
      open
      title={t('org.edit_title', { name: o.name })}
      onClose={onClose}
      actions={
        <>
          <button type="submit" form={formId} className="primary" disabled={submit.busy}>{t('org.save')}</button>
          <button type="button" onClick={onClose}>{t('form.cancel')}</button>
        </>
      }
    >
      <ErrorAlert error={submit.problem} />
      <form id={formId} noValidate onSubmit={save}>
        <ErrorSummary errors={form.errors} labels="org" />
        <FormFields form={form}>
          <TextField name="name" label={t('org.name')} required />
          <TextField name="address" label={t('org.address')} required />
          <TextField name="email" type="email" label={t('org.email')} required />
          <TextField name="phone" type="tel" label={t('org.phone')} hint={t('org.phone_hint')} inputMode="tel" normalise={toHalfWidth} required />
          <TextField name="contact_person" label={t('org.contact_person')} required />
          {/* Seen and edited here too (walk item 18). */}
          <TextField name="municipality_code" label={t('org.municipality_code')} hint={t('org.municipality_code_hint')} inputMode="numeric" normalise={toHalfWidth} />
          {o.kind === 'medical_institution' && <CheckboxField name="files_daily_reports" label={t('org.files_daily_reports')} />}
          {o.kind === 'health_center' && <CheckboxField name="public_health_institute" label={t('org.public_health_institute')} />}
        </FormFields>
      </form>
    </Modal>
  );
}

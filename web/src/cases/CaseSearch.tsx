// 閲覧・編集: search the cases in the caller's scope (CASE-6) by the seeds' fields (the
// responsible health center for prefectures and health centers), with the past-data switch,
// paging and order; `?status=none` is the health center's list of cases with
// no current status (CASE-5). Criteria are POSTed, never put in the address (names, phones),
// and kept in memory so that coming back from a case shows the same page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, compact, messageOf } from '../app/api';
import { useSession, type Organisation } from '../app/session';
import { CheckboxField, ErrorSummary, FormFields, SelectField, TextField, useForm, useSubmit } from '../components/form';
import { codes, label, type PatientSummary } from './model';
import { ScrollRegion } from '../components/ScrollRegion';

interface Criteria {
  hersys_id: string;
  name: string;
  birth_date: string;
  phone: string;
  reported_from: string;
  reported_to: string;
  status?: string;
  health_center_id?: number;
  include_past: boolean;
  order: 'newest' | 'oldest';
}
const kPage = 50;
const empty = (status?: string): Criteria => ({ hersys_id: '', name: '', birth_date: '', phone: '', reported_from: '', reported_to: '', status, include_past: false, order: 'newest' });

let remembered: { key: string; criteria: Criteria; offset: number } | null = null;

export function CaseSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const listKey = params.get('status') ?? '';
  const kept = remembered?.key === listKey ? remembered : null;
  const form = useForm<Criteria>(kept?.criteria ?? empty(listKey || undefined));
  const [page, setPage] = useState<{ patients: PatientSummary[]; has_more: boolean; offset: number } | null>(null);
  const submit = useSubmit(form);
  const healthCenters = useHealthCenters(submit.setProblem);

  const search = (offset: number, criteria: Criteria = form.values) =>
    submit.run(async () => {
      setPage(await api('POST', '/api/v1/patients/search', { ...compact(criteria), limit: kPage, offset }));
      remembered = { key: listKey, criteria, offset };
    })();
  useEffect(() => {
    const criteria = kept?.criteria ?? empty(listKey || undefined);
    form.setValues(criteria);
    void search(kept?.offset ?? 0, criteria);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listKey]);

  const statusOptions = [['none', t('code.status.none')] as const, ...codes.status.map((c) => [c, t(`code.status.${c}`)] as const)];
  return (
    <>
      <h1>{listKey === 'none' ? t('search.no_status_title') : t('search.title')}</h1>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void search(0); }}>
        <ErrorSummary errors={form.errors} />
        <FormFields form={form}>
          <div className="grid-2">
            <TextField name="hersys_id" label={t('field.hersys_id')} inputMode="numeric" />
            <TextField name="name" label={t('field.name_or_kana')} />
            <TextField name="birth_date" type="date" label={t('field.birth_date')} />
            <TextField name="phone" type="tel" label={t('field.phone')} />
            <TextField name="reported_from" type="date" label={t('field.reported_from')} />
            <TextField name="reported_to" type="date" label={t('field.reported_to')} />
            <SelectField name="status" label={t('field.status')} options={statusOptions} empty={t('search.any_status')} />
            {healthCenters.length > 1 && (
              <SelectField name="health_center_id" label={t('field.responsible_health_center')} options={healthCenters.map((o) => [o.id, `${o.name}（${o.code}）`] as const)} empty={t('search.any_health_center')} />
            )}
            <SelectField name="order" label={t('field.order')} options={[['newest', t('search.newest')], ['oldest', t('search.oldest')]]} />
          </div>
          <CheckboxField name="include_past" label={t('field.include_past')} />
        </FormFields>
        <div className="actions">
          <button type="submit" className="primary">{t('search.search')}</button>
          <button type="button" onClick={() => form.setValues(empty(listKey || undefined))}>{t('search.clear')}</button>
        </div>
      </form>
      {submit.problem && <p className="alert" role="alert">{submit.problem}</p>}
      {page && (
        <section aria-live="polite" aria-label={t('search.title')}>
          {page.patients.length === 0 ? (
            <p>{t('search.none')}</p>
          ) : (
            <>
              <p>{t('search.results', { from: page.offset + 1, to: page.offset + page.patients.length })}</p>
              <ScrollRegion label={t('search.title')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('field.hersys_id')}</th>
                      <th scope="col">{t('field.name')}</th>
                      <th scope="col">{t('field.kana')}</th>
                      <th scope="col">{t('field.sex')}</th>
                      <th scope="col">{t('field.birth_date')}</th>
                      <th scope="col">{t('search.reported_on')}</th>
                      <th scope="col">{t('field.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.patients.map((p) => (
                      <tr key={p.id} className="clickable" onClick={() => navigate(`/cases/${p.id}`)}>
                        <td><a href={`/cases/${p.id}`} onClick={(e) => { e.preventDefault(); navigate(`/cases/${p.id}`); }}>{p.hersys_id}</a></td>
                        <td>{p.name}</td>
                        <td>{p.kana}</td>
                        <td>{label(t, 'sex', p.sex)}</td>
                        <td>{p.birth_date}</td>
                        <td>{p.reported_on}</td>
                        <td>{p.status ? label(t, 'status', p.status) : t('code.status.none')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          )}
          <div className="pager">
            <button type="button" disabled={page.offset === 0} onClick={() => void search(Math.max(0, page.offset - kPage))}>{t('search.previous')}</button>
            <button type="button" disabled={!page.has_more} onClick={() => void search(page.offset + kPage)}>{t('search.next')}</button>
          </div>
        </section>
      )}
    </>
  );
}

// The health centers of the caller's prefecture, for a prefecture or a health center (whose
// cases may be transferred to a neighbour); other organisations search without this field.
function useHealthCenters(onProblem: (message: string) => void): Organisation[] {
  const { me } = useSession();
  const [centers, setCenters] = useState<Organisation[]>([]);
  const { kind, prefecture_code } = me.organisation;
  useEffect(() => {
    if (kind !== 'prefecture' && kind !== 'health_center') return;
    const query = new URLSearchParams({ kind: 'health_center', prefecture_code, limit: '500' });
    api<{ organisations: Organisation[] }>('GET', `/api/v1/organisations?${query}`).then(
      (a) => setCenters(a.organisations),
      (e) => onProblem(messageOf(e)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, prefecture_code]);
  return centers;
}

// 閲覧・編集: search the cases in the caller's scope (CASE-6) by the seeds' fields (the
// responsible health center for prefectures and health centers), with the past-data switch,
// paging and order; `?status=none` is the health center's list of cases with
// no current status (CASE-5). issue 14: the reporting institution, 保健所確認, an age range and
// "still open" as filters, 担当保健所 / reporting institution / confirmation as columns, and the
// whole result as CSV for health centers and prefectures. Criteria are POSTed, never put in the address (names, phones),
// and kept in memory so that coming back from a case shows the same page.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './form-report.css';
import { useNavigate, useSearchParams } from 'react-router';
import { compact, fieldErrorsOf } from '../app/api';
import { formatDate } from '../app/format';
import { useResource } from '../app/useResource';
import { useSession } from '../app/session';
import * as adminApi from '../admin/api';
import type { Organisation } from '../admin/api';
import { ErrorAlert } from '../components/Alert';
import { CheckboxField, ErrorSummary, FormFields, NumberField, SelectField, TextField, useForm, type Option } from '../components/form';
import { ScrollRegion } from '../components/ScrollRegion';
import { cardCell } from '../components/CardTable';
import * as casesApi from './api';
import type { SearchCriteria } from './api';
import { codes, label, options } from './model';
import { Pager } from '../components/Pager';
import { searchOrders, statuses } from '../app/codes';

const kPage = 50;
// The criteria of a list: `?status=none` (or a status) preselects the status.
const listStatus = (listKey: string): SearchCriteria['status'] => (listKey === 'none' || (statuses as readonly string[]).includes(listKey) ? (listKey as SearchCriteria['status']) : undefined);
// `&health_center_id=` (the top page's count of a health center's cases, issue 14) preselects it.
const empty = (listKey: string): SearchCriteria => {
  const [status, healthCenter] = listKey.split('@');
  return { hersys_id: '', name: '', birth_date: '', phone: '', reported_from: '', reported_to: '', status: listStatus(status), age_from: null, age_to: null, open_only: false, include_past: false, order: 'newest', ...(healthCenter ? { health_center_id: Number(healthCenter) } : {}) };
};

// The list shown last (its criteria and page), to show it again when coming back from a case.
interface Query {
  criteria: SearchCriteria;
  offset: number;
}
let remembered: (Query & { key: string }) | null = null;

export function CaseSearch() {
  const [params] = useSearchParams();
  const healthCenter = params.get('health_center_id');
  const listKey = (params.get('status') ?? '') + (healthCenter && /^[0-9]+$/.test(healthCenter) ? `@${healthCenter}` : '');
  // Each list (all cases, `?status=none`) starts from its own criteria.
  return <Search key={listKey} listKey={listKey} />;
}

function Search({ listKey }: { listKey: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const initial = (): Query => (remembered?.key === listKey ? remembered : { criteria: empty(listKey), offset: 0 });
  const form = useForm<SearchCriteria>(() => initial().criteria);
  const [query, setQuery] = useState<Query>(initial);
  const { setErrors } = form;
  // The page of the last search; it stays shown while the next one loads.
  const results = useResource(
    async (signal) => {
      try {
        const page = await casesApi.searchPatients(compact(query.criteria), { limit: kPage, offset: query.offset }, signal);
        setErrors([]);
        remembered = { key: listKey, ...query };
        return page;
      } catch (error) {
        if (!signal.aborted) setErrors(fieldErrorsOf(error));
        throw error;
      }
    },
    [query, listKey, setErrors],
    { keepPrevious: true },
  );
  const page = results.data;
  const search = (offset: number) => setQuery({ criteria: form.values, offset });
  // 前へ・次へ go to the top of the page they show: its heading takes the focus (issue 19 item 19).
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const paged = useRef(false);
  const turn = (offset: number) => {
    paged.current = true;
    search(offset);
  };
  useEffect(() => {
    if (paged.current && page && !results.loading) {
      paged.current = false;
      resultsHeading.current?.scrollIntoView({ block: 'start' });
      resultsHeading.current?.focus({ preventScroll: true });
    }
  }, [page, results.loading]);
  const healthCenters = useHealthCenters();
  const institutions = useInstitutions();
  const { me } = useSession();
  // issue 14: the whole result as CSV, for those the server lets export (health centers,
  // prefectures); criteria POSTed, the export logged by the server.
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await casesApi.downloadPatientsCsv(compact(form.values));
      setErrors([]);
    } catch (error) {
      if (fieldErrorsOf(error).length) setErrors(fieldErrorsOf(error));
      else setExportError(error);
    } finally {
      setExporting(false);
    }
  };
  const reporters: Option[] = [...(institutions.data ?? []), ...(healthCenters.data ?? [])].map((o) => [o.id, `${o.name}（${o.code}）`] as const);

  const statusOptions: Option[] = [['none', t('code.status.none')], ...codes.status.map((c) => [c, t(`code.status.${c}`)] as const)];
  return (
    <>
      <h1>{listKey.split('@')[0] === 'none' ? t('search.no_status_title') : t('search.title')}</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          search(0);
        }}
      >
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
            {healthCenters.data && healthCenters.data.length > 1 && (
              <SelectField name="health_center_id" label={t('field.responsible_health_center')} options={healthCenters.data.map((o) => [o.id, `${o.name}（${o.code}）`] as const)} empty={t('search.any_health_center')} />
            )}
            {reporters.length > 0 && <SelectField name="reporter_id" label={t('field.reporter')} options={reporters} empty={t('search.any_reporter')} />}
            <SelectField name="confirmation" label={t('field.confirmation')} options={options(t, 'confirmation')} empty={t('search.any_confirmation')} />
            <NumberField name="age_from" label={t('field.age_from')} min={0} max={130} />
            <NumberField name="age_to" label={t('field.age_to')} min={0} max={130} />
            <SelectField name="order" label={t('field.order')} options={searchOrders.map((o) => [o, t(`search.${o}`)] as const)} />
          </div>
          <CheckboxField name="open_only" label={t('field.open_only')} />
          <CheckboxField name="include_past" label={t('field.include_past')} />
        </FormFields>
        <div className="actions">
          <button type="submit" className="primary">{t('search.search')}</button>
          <button type="button" onClick={() => form.setValues(empty(listKey))}>{t('search.clear')}</button>
          {me.may.export_cases && (
            <button type="button" onClick={() => void exportCsv()} disabled={exporting} aria-describedby="csv-help">
              {t('search.csv')}
            </button>
          )}
        </div>
        {me.may.export_cases && (
          <p className="hint" id="csv-help">
            {t('search.csv_help')}
          </p>
        )}
      </form>
      <ErrorAlert error={exportError} />
      <ErrorAlert error={fieldErrorsOf(results.error).length ? undefined : results.error} />
      <ErrorAlert error={healthCenters.error} />
      {page && (
        <section aria-live="polite" aria-labelledby="results-title" aria-busy={results.loading || undefined}>
          <h2 id="results-title" ref={resultsHeading} tabIndex={-1}>{t('report.results_title')}</h2>
          {page.patients.length === 0 ? (
            <p>{t('search.none')}</p>
          ) : (
            <>
              <p className="result-count">{t(page.total_capped ? 'search.total_capped' : 'search.total', { total: page.total ?? page.offset + page.patients.length, from: page.offset + 1, to: page.offset + page.patients.length })}</p>
              <ScrollRegion label={t('search.title')}>
                <table className="cards">
                  <thead>
                    <tr>
                      <th scope="col">{t('field.hersys_id')}</th>
                      <th scope="col">{t('field.name')}</th>
                      <th scope="col">{t('field.sex')}</th>
                      <th scope="col">{t('field.birth_date')}</th>
                      <th scope="col">{t('search.reported_on')}</th>
                      <th scope="col">{t('field.status')}</th>
                      <th scope="col">{t('search.health_center_col')}</th>
                      <th scope="col">{t('field.reporter')}</th>
                      <th scope="col">{t('search.confirmation_col')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.patients.map((p) => (
                      <tr key={p.id} className="clickable" onClick={() => void navigate(`/cases/${p.id}`)}>
                        <td {...cardCell(t('field.hersys_id'))}>
                          <a
                            href={`/cases/${p.id}`}
                            onClick={(e) => {
                              e.preventDefault();
                              e.stopPropagation(); // the row navigates too: one history entry, one Back (issue 19 item 18)
                              void navigate(`/cases/${p.id}`);
                            }}
                          >
                            {p.hersys_id ?? '—'}
                          </a>
                        </td>
                        <td {...cardCell(t('field.name'))}>
                          {p.name}
                          {p.kana && <span className="kana">{p.kana}</span>}
                        </td>
                        <td {...cardCell(t('field.sex'))}>{label(t, 'sex', p.sex)}</td>
                        <td {...cardCell(t('field.birth_date'))}>{formatDate(p.birth_date)}</td>
                        <td {...cardCell(t('search.reported_on'))}>{formatDate(p.reported_on)}</td>
                        <td {...cardCell(t('field.status'))}>{p.status ? label(t, 'status', p.status) : t('code.status.none')}</td>
                        <td {...cardCell(t('search.health_center_col'))}>{p.responsible_health_center_name || '—'}</td>
                        <td {...cardCell(t('field.reporter'))}>{p.reporter_name || '—'}</td>
                        <td {...cardCell(t('search.confirmation_col'))}>{label(t, 'confirmation', p.confirmation)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          )}
          <Pager previous={page.offset > 0} next={page.has_more} onPrevious={() => turn(Math.max(0, page.offset - kPage))} onNext={() => turn(page.offset + kPage)} />
        </section>
      )}
    </>
  );
}

// The health centers of the caller's prefecture, when the server says the caller reaches cases
// of several (a prefecture, or a health center related to a neighbour's cases); other
// organisations search without this field.
function useHealthCenters() {
  const { me } = useSession();
  const { prefecture_code } = me.organisation;
  const wanted = me.may.choose_health_center;
  return useResource(
    (signal): Promise<Organisation[]> => (wanted ? adminApi.listOrganisations({ kind: 'health_center', prefecture_code, limit: 500 }, signal) : Promise.resolve([])),
    [wanted, prefecture_code],
  );
}

// The medical institutions of the caller's prefecture, for the 報告機関 filter (issue 14), when
// the caller reaches the cases of several (health centers, prefectures).
function useInstitutions() {
  const { me } = useSession();
  const { prefecture_code } = me.organisation;
  const wanted = me.may.choose_health_center;
  return useResource(
    (signal): Promise<Organisation[]> => (wanted ? adminApi.listOrganisations({ kind: 'medical_institution', prefecture_code, limit: 500 }, signal) : Promise.resolve([])),
    [wanted, prefecture_code],
  );
}

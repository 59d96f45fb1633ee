// 発生届 (REP-1..9): the form with every missing field framed in red, the "continue" dialog for
// fields that may not apply, the reporting-scope judgement as the form is filled, the prompt
// when the patient looks like one already registered, the confirmation screen, 報告, and
// "file another" for reports one after another. `?draft=1` saves before the report is complete
// (発生届の提出前に使用); /reports/:id/edit edits a draft or a submitted report.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './form-report.css';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { compact, type FieldError } from '../app/api';
import { formatDate, tokyoToday } from '../app/format';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { CheckboxesField, ErrorSummary, fieldId, FormFields, NumberField, RadioField, SelectField, TextArea, TextField, useForm, useFieldValue, useSubmit, type FormApi } from '../components/form';
import { Modal } from '../components/Modal';
import { cardCell } from '../components/CardTable';
import { isChanged, useUnsavedChanges } from '../components/UnsavedChanges';
import * as casesApi from './api';
import type { Identity, PatientSummary, Report, ReportDefaults, ReportFields, ReportForm, Scope, Test } from './api';
import { IdentityFields } from './IdentityFields';
import { ReportTable } from './ReportTable';
import { ScopePanel } from './ScopePanel';
import { ageOn, emptyIdentity, emptyTest, options, yesNo } from './model';

type Values = ReportFields & { patient: Identity };
type Step = 'form' | 'review' | 'done';

// Kept for the next report of this sitting ("file another"): the doctor rarely changes.
let lastDoctor = '';

function blank(): Values {
  const today = tokyoToday();
  return {
    diagnosis_class: null, occupation: '', symptoms: [], onset_date: '', diagnosis_date: today,
    tests: [{ ...emptyTest(), collected_on: today }], estimated_infection_date: '', infection_route: '',
    infection_place: '', travel_history: '', risk_factors: [], needs_hospitalisation: null,
    needs_drugs_or_oxygen: null, vaccination_count: null, pregnant: null, doctor_name: lastDoctor,
    free_text: '', guardian_name: '', guardian_address: '', guardian_phone: '', first_visit_date: '',
    death_date: '', acknowledged: [], patient: emptyIdentity(),
  };
}

// The request body: empty fields and untouched test rows are left out.
function bodyOf(values: Values): ReportForm {
  return compact({ ...values, tests: values.tests.filter((x) => x.method || x.specimen || x.result) });
}

export function ReportPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  // The report to edit (/reports/:id/edit); none for a new one.
  const loaded = useResource((signal) => (id ? casesApi.getReport(id, signal) : Promise.resolve(null)), [id]);
  const report = loaded.data ?? null;
  const [generation, setGeneration] = useState(0);
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (loaded.data === undefined) return null;
  // A new generation (a fresh form) for "file another".
  return <ReportEditor key={`${id ?? 'new'}-${generation}`} report={report} draft={params.get('draft') === '1'} onAnother={() => setGeneration((g) => g + 1)} />;
}

function ReportEditor({ report, draft, onAnother }: { report: Report | null; draft: boolean; onAnother: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm<Values>(() => (report ? { ...blank(), ...report.fields, patient: { ...emptyIdentity(), ...report.patient.identity } } : blank()));
  const [step, setStep] = useState<Step>('form');
  const [scope, setScope] = useState<Scope | null>(report?.scope ?? null);
  // Empty fields that may not apply (not_entered): notes, not errors (issue 19 item 20).
  const [notes, setNotes] = useState<FieldError[]>([]);
  const [institution, setInstitution] = useState<ReportDefaults['institution'] | null>(null);
  const [lookAlikes, setLookAlikes] = useState<PatientSummary[]>([]);
  const [filed, setFiled] = useState<{ reportId: number; patientId: number; hersysId: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const submitted = report && report.state !== 'draft';

  // The scope judgement follows the form (debounced; nothing is written).
  useEffect(() => {
    const timer = setTimeout(() => {
      casesApi.checkReport(bodyOf(form.values)).then(
        (a) => setScope(a.scope),
        () => undefined,
      );
    }, 500);
    return () => clearTimeout(timer);
  }, [form.values]);
  useEffect(() => heading.current?.focus(), [step]);
  // What the form started from: leaving it changed asks first (issue 19 item 17).
  const [start, setStart] = useState(form.values);
  // The reporting doctor and institution belong to the account (issue 19 item 22).
  const { setValues } = form;
  const isNew = !report;
  useEffect(() => {
    const controller = new AbortController();
    casesApi.getReportDefaults(controller.signal).then(
      (d) => {
        setInstitution(d.institution);
        if (isNew && d.doctor_name) {
          const doctor = { doctor_name: d.doctor_name };
          setValues((v) => (v.doctor_name ? v : { ...v, ...doctor }));
          // A default is not an edit: leaving the untouched form does not ask (item 17).
          setStart((v) => (v.doctor_name ? v : { ...v, ...doctor }));
        }
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [isNew, setValues]);

  const action = useSubmit(form, () => setStep('form'));
  // A filed or saved report does not ask.
  const unsaved = useUnsavedChanges(step !== 'done' && isChanged(form.values, start));

  // 確認: errors that block (in form order, framed in red) stay on the form; empty fields that
  // may not apply are notes shown apart, and 報告 on the review screen reports them as
  // "does not apply" (issue 19 items 20, 28).
  const review = action.run(async () => {
    const answer = await casesApi.checkReport(bodyOf(form.values));
    setScope(answer.scope);
    const ordered = inFormOrder(answer.errors);
    // Out of scope is not an empty field: the review asks for its own tick (issue 14 item 2).
    const hard = ordered.filter((e) => e.code !== 'not_entered' && e.code !== 'out_of_scope');
    setNotes(ordered.filter((e) => e.code === 'not_entered'));
    form.setErrors(hard);
    if (!hard.length) setStep('review');
  });
  const acknowledged = [...new Set([...form.values.acknowledged, ...notes.map((e) => e.field)])];
  // Filing a patient outside the reporting scope needs the explicit tick, never the bulk
  // "continue" of the empty fields (REP-3, issue 14 item 2); the server refuses without it.
  const outOfScope = !!scope && scope.decided && !scope.in_scope;
  const scopeTicked = form.values.acknowledged.includes('scope');
  const [scopeError, setScopeError] = useState(false);
  const tickScope = (on: boolean) => {
    const others = form.values.acknowledged.filter((f) => f !== 'scope');
    form.set('acknowledged', on ? [...others, 'scope'] : others);
    setScopeError(false);
  };
  const submitReviewed = () => {
    if (outOfScope && !scopeTicked) {
      setScopeError(true);
      const box = document.getElementById('scope-confirm');
      box?.focus({ preventScroll: true });
      box?.scrollIntoView({ block: 'center' }); // clear of the sticky buttons
      return;
    }
    file(true);
  };

  const finish = async (reportId: number, patientId: number) => {
    const saved = await casesApi.getReport(reportId);
    lastDoctor = form.values.doctor_name;
    setFiled({ reportId, patientId, hersysId: saved.patient.hersys_id ?? '' });
    setStep('done');
  };

  // 報告 (or 一時保存): a new report, or the edited one; look-alikes ask first (CASE-7).
  const file = (submit: boolean, link: { patient_id?: number; confirm_new_patient?: boolean } = {}) =>
    action.run(async () => {
      const body = bodyOf(submit && step === 'review' ? { ...form.values, acknowledged } : form.values);
      if (report) {
        await casesApi.editReport(report.id, body);
        if (submit && report.state === 'draft') {
          await casesApi.submitReport(report.id);
          await finish(report.id, report.patient.id);
        } else {
          unsaved.release();
          void navigate(`/cases/${report.patient.id}`, { state: { notice: 'form.saved' } });
        }
        return;
      }
      if (link.patient_id) delete body.patient;
      try {
        const answer = await casesApi.fileReport({ ...body, ...link, submit });
        setLookAlikes([]);
        if (submit) await finish(answer.report_id, answer.patient_id);
        else {
          unsaved.release();
          void navigate('/reports/drafts', { state: { notice: 'report.draft_saved' } });
        }
      } catch (error) {
        const found = casesApi.lookAlikesOf(error);
        if (found) {
          setLookAlikes(found);
          return;
        }
        throw error;
      }
    })();

  const title = report ? (report.state === 'draft' ? t('report.draft_heading', { name: report.patient.identity.name || t('drafts.no_name') }) : t('report.title_edit')) : draft ? t('report.title_draft') : t('report.title_new');
  if (step === 'done' && filed) {
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('report.done_title')}
        </h1>
        <Alert kind="success">{t('report.done', { id: filed.hersysId })}</Alert>
        <div className="actions">
          <button type="button" className="primary" onClick={report ? () => void navigate('/reports/new') : onAnother}>
            {t('report.add_another')}
          </button>
          <Link className="button" to={`/cases/${filed.patientId}`}>
            {t('report.open_case')}
          </Link>
          <Link className="button" to={`/reports/${filed.reportId}/print`}>
            {t('report.print')}
          </Link>
        </div>
      </>
    );
  }
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {step === 'review' ? t('report.confirm_title') : title}
      </h1>
      <ErrorAlert error={action.problem} />
      {step === 'review' ? (
        <>
          <p>{t('report.confirm_help')}</p>
          {farBefore(form.values).map(([field, days]) => (
            <Alert key={field} kind="warning">{t('report.date_far_before', { field: t(`field.${field}`), days })}</Alert>
          ))}
          <ScopePanel scope={scope}>
            {outOfScope && (
              <div className={`field scope-confirm ${scopeError ? 'has-error' : ''}`}>
                <p className="hint" id="scope-confirm-hint">{t('report.scope_confirm_help')}</p>
                {scopeError && <p className="field-error" id="scope-confirm-error" role="alert">{t('report.scope_confirm_required')}</p>}
                <label className="choice">
                  <input type="checkbox" id="scope-confirm" checked={scopeTicked} aria-invalid={scopeError || undefined} aria-describedby={scopeError ? 'scope-confirm-hint scope-confirm-error' : 'scope-confirm-hint'} onChange={(e) => tickScope(e.target.checked)} />
                  {t('report.out_of_scope_item')}
                </label>
              </div>
            )}
          </ScopePanel>
          <NotesPanel notes={notes} />
          <ReportTable fields={{ ...form.values, acknowledged }} patient={form.values.patient} hersysId={report?.patient.hersys_id ?? undefined} />
          <div className="actions sticky-actions">
            <button type="button" onClick={() => setStep('form')} disabled={action.busy}>
              {t('report.back_to_form')}
            </button>
            <button type="button" className="primary" onClick={submitReviewed} disabled={action.busy}>
              {submitted ? t('form.save') : t('report.submit')}
            </button>
          </div>
        </>
      ) : (
        <form noValidate onSubmit={review}>
          <p>{t('report.intro')}</p>
          <ErrorSummary errors={form.errors} title={t('report.blockers', { count: form.errors.length })} />
          <NotesPanel notes={notes} onForm />
          <FormFields form={form}>
            <ReportFieldsSections form={form} institution={institution} />
          </FormFields>
          <ScopePanel scope={scope} />
          <div className="actions sticky-actions">
            {(!report || report.state === 'draft') && (
              <button type="button" onClick={() => file(false)} disabled={action.busy}>
                {t('report.save_draft')}
              </button>
            )}
            <button type="submit" className="primary" disabled={action.busy}>
              {t('report.review')}
            </button>
          </div>
        </form>
      )}
      <Modal open={lookAlikes.length > 0} title={t('report.look_alike_title')} onClose={() => setLookAlikes([])}
        actions={
          <>
            <button type="button" onClick={() => setLookAlikes([])}>{t('form.cancel')}</button>
            <button type="button" className="primary" onClick={() => file(true, { confirm_new_patient: true })}>{t('report.new_person')}</button>
          </>
        }>
        <p>{t('report.look_alike_help')}</p>
        <table className="cards">
          <thead>
            <tr><th scope="col">{t('field.hersys_id')}</th><th scope="col">{t('field.name')}</th><th scope="col">{t('field.birth_date')}</th><th scope="col"><span className="visually-hidden">{t('report.same_person')}</span></th></tr>
          </thead>
          <tbody>
            {lookAlikes.map((p) => (
              <tr key={p.id}>
                <td {...cardCell(t('field.hersys_id'))}>{p.hersys_id ?? '—'}</td>
                <td {...cardCell(t('field.name'))}>{p.name}{p.kana ? `（${p.kana}）` : ''}</td>
                <td {...cardCell(t('field.birth_date'))}>{formatDate(p.birth_date)}</td>
                <td><button type="button" onClick={() => file(true, { patient_id: p.id })}>{t('report.same_person')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Modal>
    </>
  );
}

// Dates that are far before the diagnosis date, as [field, days]: likely a mistyped year
// (issue 14 item 1); the review says so but does not block.
const farDays = 60;
function farBefore(v: Values): [string, number][] {
  const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) / 86_400_000 : null);
  const diagnosis = day(v.diagnosis_date);
  if (diagnosis === null) return [];
  const found: [string, number][] = [];
  for (const field of ['onset_date', 'estimated_infection_date'] as const) {
    const d = day(v[field]);
    if (d !== null && diagnosis - d > farDays) found.push([field, diagnosis - d]);
  }
  return found;
}

// Errors in the order of the form's fields (their elements), those without one last.
function inFormOrder(errors: FieldError[]): FieldError[] {
  const elementOf = (field: string) => {
    for (let path = field; path; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
      const element = document.getElementById(fieldId(path));
      if (element) return element;
    }
    return null;
  };
  const placed = errors.map((error, i) => ({ error, i, element: elementOf(error.field) }));
  placed.sort((a, b) => {
    if (a.element && b.element && a.element !== b.element) return a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    if (a.element && !b.element) return -1;
    if (!a.element && b.element) return 1;
    return a.i - b.i;
  });
  return placed.map((p) => p.error);
}

// The empty fields that may not apply: a note (not an error), counted apart from errors; on
// the form each entry moves to its field.
function NotesPanel({ notes, onForm }: { notes: FieldError[]; onForm?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!notes.length) return null;
  const nameOf = (field: string) => {
    if (field === 'scope') return t('report.out_of_scope_item');
    const key = `field.${field.replace(/\.\d+/g, '')}`;
    return i18n.exists(key) ? t(key) : field;
  };
  return (
    <section className="skip-notes" aria-labelledby="skip-notes-title">
      <h2 id="skip-notes-title">{t('report.notes_title', { count: notes.length })}</h2>
      <p>{t(onForm ? 'report.notes_help_form' : 'report.notes_help')}</p>
      <ul>
        {notes.map((e) => (
          <li key={e.field}>
            {onForm ? (
              <button type="button" className="link" onClick={() => document.getElementById(fieldId(e.field))?.focus()}>
                {nameOf(e.field)}
              </button>
            ) : (
              nameOf(e.field)
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReportFieldsSections({ form, institution }: { form: FormApi<Values>; institution: ReportDefaults['institution'] | null }) {
  const { t } = useTranslation();
  const sex = useFieldValue<string>('patient.sex');
  const diagnosisDate = useFieldValue<string>('diagnosis_date');
  // The legal form's conditional items (REP-8, issue 14): the guardian of a minor (under 18 on
  // the diagnosis date), the death date for the death classes; a typical report shows neither.
  const birthDate = useFieldValue<string>('patient.birth_date');
  const diagnosisClass = useFieldValue<string>('diagnosis_class');
  const age = ageOn(birthDate ?? '', diagnosisDate || tokyoToday());
  const minor = age !== null && age < 18;
  const deathClass = diagnosisClass === 'dead_body' || diagnosisClass === 'suspected_dead_body';
  const tests: Test[] = form.values.tests;
  const preset = (i: number, test: Omit<Test, 'collected_on'>, freeText?: string) => {
    form.set(`tests.${i}`, { ...test, collected_on: form.values.diagnosis_date || tokyoToday() });
    // A positive test decides the class when none is chosen yet (visible and changeable): with
    // symptoms 確定患者, without 無症状病原体保有者, as the seeds define them (issue 19 item 28).
    if (!form.values.diagnosis_class && test.result === 'positive') form.set('diagnosis_class', form.values.symptoms.some((x) => x !== 'none') ? 'confirmed' : 'asymptomatic');
    if (freeText && !form.values.free_text.includes(freeText)) form.set('free_text', form.values.free_text ? `${form.values.free_text} ${freeText}` : freeText);
  };
  return (
    <>
      <section className="report-section" aria-labelledby="s-class">
        <h2 id="s-class">{t('report.section.class')}</h2>
        <RadioField name="diagnosis_class" label={t('field.diagnosis_class')} required options={options(t, 'diagnosis_class')} />
      </section>
      <section className="report-section" aria-labelledby="s-patient">
        <h2 id="s-patient">{t('report.section.patient')}</h2>
        <IdentityFields prefix="patient." ageOnDate={diagnosisDate} required />
        <TextField name="occupation" label={t('field.occupation')} />
        {minor && (
          <fieldset className="guardian">
            <legend>{t('report.guardian')}</legend>
            <p className="hint">{t('report.guardian_help')}</p>
            <div className="grid-2">
              <TextField name="guardian_name" label={t('field.guardian_name')} />
              <TextField name="guardian_phone" type="tel" label={t('field.guardian_phone')} />
            </div>
            <TextField name="guardian_address" label={t('field.guardian_address')} />
          </fieldset>
        )}
      </section>
      <section className="report-section" aria-labelledby="s-clinical">
        <h2 id="s-clinical">{t('report.section.clinical')}</h2>
        <CheckboxesField name="symptoms" label={t('field.symptoms')} options={options(t, 'symptoms')} exclusive="none" />
        <div className="grid-2">
          <TextField name="onset_date" type="date" label={t('field.onset_date')} required />
          <TextField name="diagnosis_date" type="date" label={t('field.diagnosis_date')} required />
          <TextField name="first_visit_date" type="date" label={t('field.first_visit_date')} />
          {deathClass && <TextField name="death_date" type="date" label={t('field.death_date')} />}
        </div>
      </section>
      <section className="report-section" aria-labelledby="s-tests">
        <h2 id="s-tests">{t('report.section.tests')}</h2>
        <fieldset className={`field ${form.errorOf('tests') ? 'has-error' : ''}`} id="f-tests" tabIndex={-1}>
          <legend className="visually-hidden">{t('field.tests')}</legend>
          {form.errorOf('tests') && <p className="field-error">{form.errorOf('tests')!.message}</p>}
          {tests.map((_, i) => (
            <div className="test-row" key={i}>
              <h3>{t('report.test_n', { n: i + 1 })}</h3>
              <div className="presets" role="group" aria-label={t('report.presets')}>
                <button type="button" onClick={() => preset(i, { method: 'pcr', specimen: 'nasopharyngeal', result: 'positive' })}>{t('report.preset_pcr')}</button>
                <button type="button" onClick={() => preset(i, { method: 'antigen_qualitative', specimen: 'nasal', result: 'positive' })}>{t('report.preset_antigen')}</button>
                <button type="button" onClick={() => preset(i, { method: 'other', specimen: 'other', result: 'other' }, '臨床診断')}>{t('report.preset_clinical')}</button>
              </div>
              <div className="grid-2">
                <SelectField name={`tests.${i}.method`} label={t('field.tests.method')} required options={options(t, 'method')} />
                <SelectField name={`tests.${i}.specimen`} label={t('field.tests.specimen')} required options={options(t, 'specimen')} />
                <TextField name={`tests.${i}.collected_on`} type="date" label={t('field.tests.collected_on')} required />
                <SelectField name={`tests.${i}.result`} label={t('field.tests.result')} required options={options(t, 'result')} />
              </div>
              {tests.length > 1 && (
                <button type="button" className="danger" onClick={() => form.set('tests', tests.filter((__, j) => j !== i))}>
                  {t('report.remove_test')}
                </button>
              )}
            </div>
          ))}
          {tests.length < 4 && (
            <button type="button" onClick={() => form.set('tests', [...tests, { ...emptyTest(), collected_on: form.values.diagnosis_date }])}>
              {t('report.add_test')}
            </button>
          )}
        </fieldset>
      </section>
      <section className="report-section" aria-labelledby="s-infection">
        <h2 id="s-infection">{t('report.section.infection')}</h2>
        <TextField name="estimated_infection_date" type="date" label={t('field.estimated_infection_date')} />
        <div className="grid-2">
          <TextField name="infection_route" label={t('field.infection_route')} />
          <TextField name="infection_place" label={t('field.infection_place')} />
        </div>
        <TextField name="travel_history" label={t('field.travel_history')} />
      </section>
      <section className="report-section" aria-labelledby="s-risk">
        <h2 id="s-risk">{t('report.section.risk')}</h2>
        <CheckboxesField name="risk_factors" label={t('field.risk_factors')} options={options(t, 'risk_factors')} exclusive="none" />
        <RadioField name="needs_hospitalisation" label={t('field.needs_hospitalisation')} options={yesNo(t)} />
        <RadioField name="needs_drugs_or_oxygen" label={t('field.needs_drugs_or_oxygen')} options={yesNo(t)} />
        <NumberField name="vaccination_count" label={t('field.vaccination_count')} min={0} max={20} />
        {sex === 'female' && <RadioField name="pregnant" label={t('field.pregnant')} options={yesNo(t)} />}
      </section>
      <section className="report-section" aria-labelledby="s-doctor">
        <h2 id="s-doctor">{t('report.section.doctor')}</h2>
        {institution && (
          <p className="institution">
            {institution.address
              ? t('report.institution_at', { name: institution.name, address: institution.address })
              : t('report.institution_is', { name: institution.name })}
          </p>
        )}
        <TextField name="doctor_name" label={t('field.doctor_name')} required />
        <TextArea name="free_text" label={t('field.free_text')} />
      </section>
    </>
  );
}

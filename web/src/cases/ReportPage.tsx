// 発生届 (REP-1..9): the form with every missing field framed in red, the "continue" dialog for
// fields that may not apply, the reporting-scope judgement as the form is filled, the prompt
// when the patient looks like one already registered, the confirmation screen, 報告, and
// "file another" for reports one after another. `?draft=1` saves before the report is complete
// (発生届の提出前に使用); /reports/:id/edit edits a draft or a submitted report.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { compact, type FieldError } from '../app/api';
import { tokyoToday } from '../app/format';
import { useResource } from '../app/useResource';
import { Alert, ErrorAlert } from '../components/Alert';
import { CheckboxesField, ErrorSummary, FormFields, NumberField, RadioField, SelectField, TextArea, TextField, useForm, useFieldValue, useSubmit, type FormApi } from '../components/form';
import { Modal } from '../components/Modal';
import { cardCell } from '../components/CardTable';
import { isChanged, useUnsavedChanges } from '../components/UnsavedChanges';
import * as casesApi from './api';
import type { Identity, PatientSummary, Report, ReportFields, ReportForm, Scope, Test } from './api';
import { IdentityFields } from './IdentityFields';
import { ReportTable } from './ReportTable';
import { ScopePanel } from './ScopePanel';
import { emptyIdentity, emptyTest, options, yesNo } from './model';

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
    free_text: '', acknowledged: [], patient: emptyIdentity(),
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
  const [skippable, setSkippable] = useState<FieldError[]>([]);
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

  const action = useSubmit(form, () => setStep('form'));
  // Leaving with unsaved edits asks first (issue 19 item 17); a filed or saved report does not.
  const [start] = useState(form.values);
  const unsaved = useUnsavedChanges(step !== 'done' && isChanged(form.values, start));

  // 確認: every error at once; fields that may be skipped go to the "continue" dialog.
  const review = action.run(async () => {
      const answer = await casesApi.checkReport(bodyOf(form.values));
      setScope(answer.scope);
      const hard = answer.errors.filter((e) => e.code !== 'not_entered');
      const soft = answer.errors.filter((e) => e.code === 'not_entered');
      if (hard.length) {
        form.setErrors(answer.errors);
        return;
      }
      form.setErrors([]);
      if (soft.length) setSkippable(soft);
      else setStep('review');
    });
  const skipAndReview = () => {
    form.set('acknowledged', [...new Set([...form.values.acknowledged, ...skippable.map((e) => e.field)])]);
    setSkippable([]);
    setStep('review');
  };
  const backToForm = () => {
    form.setErrors(skippable);
    setSkippable([]);
  };

  const finish = async (reportId: number, patientId: number) => {
    const saved = await casesApi.getReport(reportId);
    lastDoctor = form.values.doctor_name;
    setFiled({ reportId, patientId, hersysId: saved.patient.hersys_id });
    setStep('done');
  };

  // 報告 (or 一時保存): a new report, or the edited one; look-alikes ask first (CASE-7).
  const file = (submit: boolean, link: { patient_id?: number; confirm_new_patient?: boolean } = {}) =>
    action.run(async () => {
      const body = bodyOf(form.values);
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
          void navigate(`/cases/${answer.patient_id}`, { state: { notice: 'report.draft_saved' } });
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

  const title = report ? t('report.title_edit') : draft ? t('report.title_draft') : t('report.title_new');
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
          <ScopePanel scope={scope} />
          <ReportTable fields={form.values} patient={form.values.patient} hersysId={report?.patient.hersys_id} />
          <div className="actions sticky-actions">
            <button type="button" onClick={() => setStep('form')} disabled={action.busy}>
              {t('form.back')}
            </button>
            <button type="button" className="primary" onClick={() => file(true)} disabled={action.busy}>
              {submitted ? t('form.save') : t('report.submit')}
            </button>
          </div>
        </>
      ) : (
        <form noValidate onSubmit={review}>
          <p>{t('report.intro')}</p>
          <ErrorSummary errors={form.errors} />
          <FormFields form={form}>
            <ReportFieldsSections form={form} />
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
      <Modal open={skippable.length > 0} title={t('report.continue_title')} onClose={backToForm}
        actions={
          <>
            <button type="button" onClick={backToForm}>{t('report.back_to_form')}</button>
            <button type="button" className="primary" onClick={skipAndReview}>{t('report.continue')}</button>
          </>
        }>
        <p>{t('report.continue_help')}</p>
        <ul>
          {skippable.map((e) => (
            <li key={e.field}>{e.field === 'scope' ? t('report.out_of_scope_item') : t(`field.${e.field}`)}</li>
          ))}
        </ul>
      </Modal>
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
                <td {...cardCell(t('field.hersys_id'))}>{p.hersys_id}</td>
                <td {...cardCell(t('field.name'))}>{p.name}（{p.kana}）</td>
                <td {...cardCell(t('field.birth_date'))}>{p.birth_date}</td>
                <td><button type="button" onClick={() => file(true, { patient_id: p.id })}>{t('report.same_person')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Modal>
    </>
  );
}

function ReportFieldsSections({ form }: { form: FormApi<Values> }) {
  const { t } = useTranslation();
  const sex = useFieldValue<string>('patient.sex');
  const diagnosisDate = useFieldValue<string>('diagnosis_date');
  const tests: Test[] = form.values.tests;
  const preset = (i: number, test: Omit<Test, 'collected_on'>, freeText?: string) => {
    form.set(`tests.${i}`, { ...test, collected_on: form.values.diagnosis_date || tokyoToday() });
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
      </section>
      <section className="report-section" aria-labelledby="s-clinical">
        <h2 id="s-clinical">{t('report.section.clinical')}</h2>
        <CheckboxesField name="symptoms" label={t('field.symptoms')} options={options(t, 'symptoms')} exclusive="none" />
        <div className="grid-2">
          <TextField name="onset_date" type="date" label={t('field.onset_date')} required />
          <TextField name="diagnosis_date" type="date" label={t('field.diagnosis_date')} required />
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
        <TextField name="doctor_name" label={t('field.doctor_name')} required />
        <TextArea name="free_text" label={t('field.free_text')} />
      </section>
    </>
  );
}

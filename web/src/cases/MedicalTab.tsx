// 医療 (CASE-4, issue 14): the symptoms ticked on the reports (read only, by report), the
// severity the server derives (重症 = ICU, ventilator or ECMO, Q&A 15), and the tab's own
// fields, with the outcome (転帰) from a list.
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format';
import { CheckboxField, SelectField, TextArea, TextField, useFieldValue } from '../components/form';
import type { Case } from './api';
import { label, options } from './model';
import './record-tab.css';

export function MedicalSummary({ kase }: { kase: Case }) {
  const { t } = useTranslation();
  const reported = kase.reported_symptoms ?? [];
  return (
    <section className="medical-summary" aria-labelledby="medical-reported">
      <h2 id="medical-reported">{t('medical.reported_symptoms')}</h2>
      {reported.length === 0 ? (
        <p>{t('medical.no_reported_symptoms')}</p>
      ) : (
        <>
          <p className="hint">{t('medical.reported_symptoms_help')}</p>
          <ul className="medical-reported">
            {reported.map((r) => (
              <li key={r.report_id}>
                <span className="record-sub">
                  {t('medical.report', { id: r.report_id })}
                  {r.diagnosis_class && ` · ${label(t, 'diagnosis_class', r.diagnosis_class)}`}
                  {r.onset_date && ` · ${t('medical.onset', { date: formatDate(r.onset_date) })}`}
                </span>
                <span className="symptom-list">
                  {r.symptoms.map((s) => (
                    <span key={s} className="badge">{label(t, 'symptoms', s)}</span>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="medical-severity">
        <span className="record-current-label">{t('medical.severity')}</span>
        {kase.medical.severe ? <span className="badge danger">{t('case.severe')}</span> : <span>{t('medical.not_severe')}</span>}
      </p>
    </section>
  );
}

export function MedicalFields() {
  const { t } = useTranslation();
  const outcome = useFieldValue<string | null>('outcome');
  return (
    <>
      <div className="grid-2">
        <TextField name="admitted_on" type="date" label={t('field.admitted_on')} />
        <TextField name="discharged_on" type="date" label={t('field.discharged_on')} />
        <TextField name="hospital" label={t('field.hospital')} />
        <TextField name="doctor" label={t('field.doctor')} />
      </div>
      <TextArea name="symptoms" label={t('medical.symptoms_text')} />
      <TextArea name="findings" label={t('field.findings')} />
      <div className="grid-2">
        <SelectField name="outcome" label={t('field.outcome')} options={options(t, 'outcome')} />
        {outcome === 'other' && <TextField name="outcome_text" label={t('field.outcome_text')} required />}
      </div>
      <fieldset className="medical-severe-boxes">
        <legend>{t('medical.severity')}</legend>
        <p className="hint">{t('medical.severe_rule')}</p>
        <CheckboxField name="icu" label={t('field.icu')} />
        <CheckboxField name="ventilator" label={t('field.ventilator')} />
        <CheckboxField name="ecmo" label={t('field.ecmo')} />
      </fieldset>
    </>
  );
}

// The whole report as a table: the confirmation screen before 報告 and the printed form.
import { useTranslation } from 'react-i18next';
import type { Identity, ReportFields } from './api';
import { formatDate } from '../app/format';
import { ageOn, label, marks, type CodeList } from './model';

export function ReportTable({ fields, patient, hersysId }: { fields: ReportFields; patient: Identity; hersysId?: string }) {
  const { t, i18n } = useTranslation();
  const m = marks(i18n.language);
  const skipped = (name: string) => fields.acknowledged?.includes(name);
  const date = (value: string | null | undefined, name: string) => (value ? formatDate(value) : text('', name));
  const text = (value: string | null | undefined, name: string) => (value ? value : skipped(name) ? t('report.skipped') : '—');
  const yesNo = (value: boolean | null, name: string) => (value === null || value === undefined ? text('', name) : value ? t('form.yes') : t('form.no'));
  const list = (values: string[], list: CodeList, name: string) => (values?.length ? values.map((c) => label(t, list, c)).join(m.list) : text('', name));
  const age = ageOn(patient.birth_date, fields.diagnosis_date);
  const rows: [string, string][] = [
    ...(hersysId ? [[t('field.hersys_id'), hersysId] as [string, string]] : []),
    [t('field.diagnosis_class'), label(t, 'diagnosis_class', fields.diagnosis_class)],
    [t('field.name'), patient.name],
    [t('field.kana'), text(patient.kana, 'patient.kana')],
    [t('field.sex'), label(t, 'sex', patient.sex)],
    [t('field.birth_date'), formatDate(patient.birth_date) + (age !== null ? `${m.open}${t('report.age', { age })}${m.close}` : '')],
    [t('field.phone'), text(patient.phone, 'patient.phone')],
    [t('field.address'), [patient.postal_code && `〒${patient.postal_code}`, patient.address].filter(Boolean).join(' ') || '—'],
    ...(patient.current_address ? [[t('field.current_address'), [patient.current_postal_code && `〒${patient.current_postal_code}`, patient.current_address].filter(Boolean).join(' ')] as [string, string]] : []),
    // issue 14 item 18: the nationality too, in the legal form's order.
    [t('field.nationality'), text(patient.nationality, 'patient.nationality')],
    [t('field.occupation'), text(fields.occupation, 'occupation')],
    // The guardian of a minor, each with its label (issue 14 item 17).
    ...(fields.guardian_name || fields.guardian_address
      ? ([
          [t('field.guardian_name'), fields.guardian_name || '—'],
          [t('field.guardian_address'), [fields.guardian_address, fields.guardian_phone && `${t('field.guardian_phone')}${m.colon}${fields.guardian_phone}`].filter(Boolean).join('\n') || '—'],
        ] as [string, string][])
      : []),
    [t('field.symptoms'), list(fields.symptoms, 'symptoms', 'symptoms')],
    [
      t('field.tests'),
      fields.tests.map((x) => [label(t, 'method', x.method), label(t, 'specimen', x.specimen), formatDate(x.collected_on), label(t, 'result', x.result)].join(m.slash)).join('\n') || '—',
    ],
    // 初診, 診断, 推定感染, 発症: the legal form's order (issue 14 item 18).
    ...(fields.first_visit_date ? [[t('field.first_visit_date'), formatDate(fields.first_visit_date)] as [string, string]] : []),
    [t('field.diagnosis_date'), date(fields.diagnosis_date, 'diagnosis_date')],
    [t('field.onset_date'), date(fields.onset_date, 'onset_date')],
    [t('field.estimated_infection_date'), date(fields.estimated_infection_date, 'estimated_infection_date')],
    [t('field.infection_route'), text(fields.infection_route, 'infection_route')],
    [t('field.infection_place'), text(fields.infection_place, 'infection_place')],
    [t('field.travel_history'), text(fields.travel_history, 'travel_history')],
    [t('field.risk_factors'), list(fields.risk_factors, 'risk_factors', 'risk_factors')],
    [t('field.needs_hospitalisation'), yesNo(fields.needs_hospitalisation, 'needs_hospitalisation')],
    [t('field.needs_drugs_or_oxygen'), yesNo(fields.needs_drugs_or_oxygen, 'needs_drugs_or_oxygen')],
    [t('field.vaccination_count'), fields.vaccination_count === null || fields.vaccination_count === undefined ? text('', 'vaccination_count') : String(fields.vaccination_count)],
    ...(patient.sex === 'female' ? [[t('field.pregnant'), yesNo(fields.pregnant, 'pregnant')] as [string, string]] : []),
    [t('field.doctor_name'), fields.doctor_name || '—'],
    [t('field.free_text'), fields.free_text || '—'],
    // The legal form's items, when entered (REP-8, issue 14).
    ...(fields.death_date ? [[t('field.death_date'), formatDate(fields.death_date)] as [string, string]] : []),
  ];
  return (
    <table className="report-table">
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

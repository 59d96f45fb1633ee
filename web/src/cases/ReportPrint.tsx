// 印刷 (REP-8): the report laid out as the legal form (別記様式6-1, 新型コロナウイルス感染症発生届):
// title, addressee, the statutory sentence, the date of report in 和暦, the doctor and the
// institution with its address and phone, then the form's numbered items 1-19 in its order.
// A4, one page where the content allows (form-print.css); the menus and this page's buttons
// are not printed (issue 14 item 2).
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { dateTime, formatDate, tokyoToday } from '../app/format';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { getReport } from './api';
import type { Report } from './api';
import { label, marks } from './model';
import './form-print.css';

// 和暦 eras from their first day (the form's dates): 令和8年11月21日, 元年 for the first year.
const eras: [start: string, name: string, offset: number][] = [
  ['2019-05-01', '令和', 2018],
  ['1989-01-08', '平成', 1988],
  ['1926-12-25', '昭和', 1925],
  ['1912-07-30', '大正', 1911],
  ['1868-01-25', '明治', 1867],
];

export function wareki(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return '';
  const era = eras.find(([start]) => iso! >= start);
  if (!era) return iso!;
  const year = Number(m[1]) - era[2];
  return `${era[1]}${year === 1 ? '元' : year}年${Number(m[2])}月${Number(m[3])}日`;
}

// Whole months between two dates (0歳は月齢).
function monthsBetween(birth: string, on: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birth);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  if (!b || !d) return null;
  let months = (Number(d[1]) - Number(b[1])) * 12 + Number(d[2]) - Number(b[2]);
  if (Number(d[3]) < Number(b[3])) months -= 1;
  return months >= 0 ? months : null;
}

export function ReportPrint() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useResource((signal) => getReport(id, signal), [id]);
  const report = loaded.data;
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!report) return <p>{t('app.loading')}</p>;
  return (
    <article className="print-form legal-form">
      <div className="actions no-print">
        <button type="button" className="primary" onClick={() => window.print()}>{t('print.do')}</button>
        <Link className="button" to={`/cases/${report.patient.id}`}>{t('form.back')}</Link>
      </div>
      <LegalForm report={report} />
    </article>
  );
}

function LegalForm({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const f = report.fields;
  const p = report.patient.identity;
  const ja = i18n.language !== 'en';
  // English punctuation in English (issue 14 item 17).
  const m = marks(i18n.language);
  // Dates as the form has them: 和暦 (in English the date as every screen shows it beside it).
  const day = (iso: string | null | undefined) => (iso ? (ja ? wareki(iso) : `${formatDate(iso)} (${wareki(iso)})`) : '');
  const submitted = report.submissions[0]?.submitted_at;
  const reportedOn = submitted ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date(submitted)) : tokyoToday();
  const months = monthsBetween(p.birth_date, f.diagnosis_date);
  const age = months === null ? '' : months < 12 ? t('print.age_months', { months }) : t('print.age_years', { age: Math.floor(months / 12) });
  const yesNo = (v: boolean | null) => (v === null || v === undefined ? '' : v ? t('form.yes') : t('form.no'));
  const phone = (number: string | null | undefined) => (number ? `${m.open}${t('print.phone')} ${number}${m.close}` : '');
  const reporter = report.reporter ?? { name: report.reporter_name, address: '' };
  const lines = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join('\n');
  const items: [number, string][] = [
    [1, label(t, 'diagnosis_class', f.diagnosis_class)],
    [2, p.kana ? `${p.name}${m.open}${p.kana}${m.close}` : p.name],
    [3, label(t, 'sex', p.sex)],
    [4, day(p.birth_date)],
    [5, age],
    [6, f.occupation],
    [7, lines([p.postal_code && `〒${p.postal_code}`, p.address].filter(Boolean).join(' ') + phone(p.phone))],
    [8, (p.current_address ? [p.current_postal_code && `〒${p.current_postal_code}`, p.current_address].filter(Boolean).join(' ') : [p.postal_code && `〒${p.postal_code}`, p.address].filter(Boolean).join(' ')) + phone(p.phone)],
    [9, f.guardian_name ?? ''],
    [10, (f.guardian_address ?? '') + phone(f.guardian_phone)],
    [11, f.symptoms?.length ? f.symptoms.map((c) => label(t, 'symptoms', c)).join(m.list) : ''],
    [12, f.tests.map((x) => `${label(t, 'method', x.method)}${m.open}${[label(t, 'specimen', x.specimen), day(x.collected_on), label(t, 'result', x.result)].join(m.list)}${m.close}`).join('\n')],
    [13, day(f.first_visit_date)],
    [14, day(f.diagnosis_date)],
    [15, day(f.estimated_infection_date)],
    [16, day(f.onset_date)],
    [17, day(f.death_date)],
    [18, lines(f.infection_route && `${t('print.route')}${m.colon}${f.infection_route}`, f.infection_place && `${t('print.place')}${m.colon}${f.infection_place}`, f.travel_history && `${t('print.travel')}${m.colon}${f.travel_history}`)],
    [
      19,
      lines(
        f.free_text,
        !!f.risk_factors?.length && `${t('print.risk_factors')}${m.colon}${f.risk_factors.map((c) => label(t, 'risk_factors', c)).join(m.list)}`,
        f.needs_hospitalisation !== null && f.needs_hospitalisation !== undefined && `${t('print.needs_hospitalisation')}${m.colon}${yesNo(f.needs_hospitalisation)}`,
        f.needs_drugs_or_oxygen !== null && f.needs_drugs_or_oxygen !== undefined && `${t('print.needs_drugs_or_oxygen')}${m.colon}${yesNo(f.needs_drugs_or_oxygen)}`,
        f.vaccination_count !== null && f.vaccination_count !== undefined && `${t('print.vaccination_count')}${m.colon}${f.vaccination_count}`,
        p.sex === 'female' && f.pregnant !== null && f.pregnant !== undefined && `${t('print.pregnant')}${m.colon}${yesNo(f.pregnant)}`,
      ),
    ],
  ];
  return (
    <>
      <p className="form-number">{t('print.form_number')}</p>
      <h1>{t('print.title')}</h1>
      <p className="addressee">{t('print.addressee')}</p>
      <p className="law">{t('print.law')}</p>
      <table className="form-head">
        <tbody>
          <tr><th scope="row">{t('print.reported_on')}</th><td data-field="reported_on">{day(reportedOn)}</td></tr>
          <tr><th scope="row">{t('print.doctor')}</th><td data-field="doctor">{f.doctor_name}</td></tr>
          <tr><th scope="row">{t('print.institution')}</th><td data-field="institution">{reporter.name}</td></tr>
          <tr><th scope="row">{t('print.institution_address')}</th><td data-field="institution_address">{reporter.address}</td></tr>
          {reporter.phone && <tr><th scope="row">{t('print.institution_phone')}</th><td data-field="institution_phone">{reporter.phone}</td></tr>}
        </tbody>
      </table>
      <table className="form-items">
        <tbody>
          {items.map(([n, value]) => (
            <tr key={n} data-item={n}>
              <th scope="row">
                <span className="item-number">{n}</span>
                {t(`print.item.${n}`)}
                {n === 9 && <span className="minor-only">{t('print.minor_only')}</span>}
              </th>
              <td>{value || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="form-footer">{t('print.footer', { id: report.patient.hersys_id ?? '—', state: t(`report.state.${report.state}`), at: dateTime(new Date().toISOString()) })}</p>
    </>
  );
}

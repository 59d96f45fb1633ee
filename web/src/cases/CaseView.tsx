// A case with its tabs - 発生届, ID管理, 検査, 居所, 医療, 記録 - and its history of changes.
// Each tab is edited where the role may (may.write); a save carries the case's version, so
// a change made meanwhile by someone else is refused rather than overwritten.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { dateTime, formatDate } from '../app/format';
import { useResource } from '../app/useResource';
import { useSession } from '../app/session';
import { Alert, ErrorAlert } from '../components/Alert';
import { ErrorSummary, FormFields, SelectField, TextField, useFieldSetter, useForm, useFieldValue, useSubmit } from '../components/form';
import { Modal } from '../components/Modal';
import { Tabs } from '../components/Tabs';
import { cardCell } from '../components/CardTable';
import { isChanged, useUnsavedChanges } from '../components/UnsavedChanges';
import * as casesApi from './api';
import type { Case, CaseTabs, Report, Test } from './api';
import { TransferDialog } from '../transfers/TransferDialog';
import { CaseHeader } from './CaseHeader';
import { HistoryTab } from './HistoryTab';
import { IdentityFields } from './IdentityFields';
import { MedicalFields, MedicalSummary } from './MedicalTab';
import { RecordTab } from './RecordTab';
import { emptyTest, label, options } from './model';

// A notice handed over by the screen that navigated here (e.g. "saved as a draft").
function noticeOf(state: unknown): string | null {
  return typeof state === 'object' && state !== null && 'notice' in state && typeof state.notice === 'string' ? state.notice : null;
}

// The tabs, in the seeds' order; the chosen one is the path's last part (/cases/12/tests), so
// that it survives a reload and Back (issue 19 item 18). Switching tabs replaces the history
// entry: one Back leaves the case for the search it was opened from.
const tabIds = ['reports', 'identity', 'tests', 'residences', 'medical', 'record', 'history'] as const;
type TabId = (typeof tabIds)[number];
const isTab = (tab: string | undefined): tab is TabId => (tabIds as readonly string[]).includes(tab ?? '');

export function CaseView() {
  const { t } = useTranslation();
  const { id = '', tab: tabParam } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const handedOver = noticeOf(location.state);
  const [notice, setNotice] = useState<string>(handedOver ? t(handedOver) : '');
  const [transferring, setTransferring] = useState(false);
  const { me } = useSession();
  const tab: TabId = isTab(tabParam) ? tabParam : 'reports';
  // Leaving a tab with unsaved edits asks first (the layout's guard holds the navigation).
  const setTab = (next: string) => void navigate(`/cases/${id}/${next}`, { replace: true });
  const resource = useResource((signal) => casesApi.getCase(id, signal), [id]);
  const kase = resource.data;
  if (resource.error) return <ErrorAlert error={resource.error} />;
  if (!kase) return <p>{t('app.loading')}</p>;
  // The notice appears together with the reloaded case, never before it.
  const saved = async (message: string) => {
    await resource.reload();
    setNotice(message);
  };
  const tabs = tabIds.map((tabId) => [tabId, t(`case.tab.${tabId}`)] as const);
  const tabProps = { kase, onSaved: saved };
  return (
    <>
      <CaseHeader
        kase={kase}
        actions={kase.may.transfer && <button type="button" onClick={() => setTransferring(true)}>{t('transfer.button')}</button>}
      />
      {transferring && (
        <TransferDialog
          patientId={kase.id}
          version={kase.version}
          responsibleId={kase.responsible_health_center_id}
          responsibleName={kase.responsible_health_center_name ?? null}
          areaId={kase.area_health_center_id}
          myOrganisationId={me.organisation.id}
          onClose={() => setTransferring(false)}
          onDone={saved}
        />
      )}
      {notice && <Alert kind="success">{notice}</Alert>}
      <Tabs label={t('case.title')} tabs={tabs} current={tab} onChange={(next) => { setTab(next); setNotice(''); }}>
        {tab === 'reports' && <ReportsTab {...tabProps} />}
        {tab === 'identity' && (
          <TabForm key={`identity-${kase.version}`} {...tabProps} tab="identity" initial={kase.identity}>
            <IdentityFields />
          </TabForm>
        )}
        {tab === 'tests' && <TestsTab {...tabProps} />}
        {tab === 'residences' && <ResidencesTab key={`residences-${kase.version}`} {...tabProps} />}
        {tab === 'medical' && (
          <>
            <MedicalSummary kase={kase} />
            <TabForm key={`medical-${kase.version}`} {...tabProps} tab="medical" initial={withoutSevere(kase.medical)}>
              <MedicalFields />
            </TabForm>
          </>
        )}
        {tab === 'record' && <RecordTab {...tabProps} />}
        {tab === 'history' && <HistoryTab id={kase.id} />}
      </Tabs>
    </>
  );
}

interface TabProps {
  kase: Case;
  onSaved: (message: string) => Promise<unknown>;
}

// 医療 as the tab edits it: `severe` is the server's judgement, not a field.
function withoutSevere({ severe: _, ...medical }: Case['medical']): CaseTabs['medical'] {
  return medical;
}

// One tab's form: PUT /api/v1/patients/{id}/{tab} with the case's version.
function TabForm<K extends keyof CaseTabs>({ kase, onSaved, tab, initial, children }: TabProps & { tab: K; initial: CaseTabs[K]; children: ReactNode }) {
  const { t } = useTranslation();
  const form = useForm(initial, !kase.may.write);
  const submit = useSubmit(form);
  const guard = useUnsavedChanges(kase.may.write && isChanged(form.values, initial));
  // A change made meanwhile by someone else is refused (409 changed_meanwhile): reload first.
  const save = submit.run(async () => {
    await casesApi.setCaseTab(kase.id, tab, form.values, kase.version);
    guard.release();
    await onSaved(t('form.saved'));
  });
  return (
    <form noValidate onSubmit={save}>
      <ErrorAlert error={submit.problem} />
      <ErrorSummary errors={form.errors} />
      <FormFields form={form}>{children}</FormFields>
      {kase.may.write && (
        <div className="actions">
          <button type="submit" className="primary" disabled={submit.busy}>{t('form.save')}</button>
        </div>
      )}
    </form>
  );
}

function ReportsTab({ kase, onSaved }: TabProps) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState<Report | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const act = async (work: () => Promise<unknown>, message: string) => {
    setProblem(null);
    try {
      await work();
      await onSaved(message);
    } catch (error) {
      setProblem(error);
    }
  };
  if (kase.reports.length === 0) return <p>{t('case.no_reports')}</p>;
  return (
    <>
      <ErrorAlert error={problem} />
      <table className="cards">
        <thead>
          <tr>
            <th scope="col">{t('case.report_no')}</th>
            <th scope="col">{t('field.diagnosis_class')}</th>
            <th scope="col">{t('field.diagnosis_date')}</th>
            <th scope="col">{t('report.submitted_at')}</th>
            <th scope="col">{t('report.state')}</th>
            <th scope="col"><span className="visually-hidden">{t('form.edit')}</span></th>
          </tr>
        </thead>
        <tbody>
          {kase.reports.map((r) => (
            <tr key={r.id}>
              <td {...cardCell(t('case.report_no'))}>{t('case.report_n', { n: [...kase.reports].sort((a, b) => a.id - b.id).indexOf(r) + 1 })}</td>
              <td {...cardCell(t('field.diagnosis_class'))}>{label(t, 'diagnosis_class', r.diagnosis_class)}</td>
              <td {...cardCell(t('field.diagnosis_date'))}>{r.diagnosis_date ? formatDate(r.diagnosis_date) : '—'}</td>
              <td {...cardCell(t('report.submitted_at'))}>{r.submissions.map((s) => dateTime(s.submitted_at)).join('\n') || '—'}</td>
              <td {...cardCell(t('report.state'))}>
                <span className={`badge ${r.state}`}>{t(`report.state.${r.state}`)}</span> {r.read_only && <span className="badge">{t('report.read_only')}</span>}
              </td>
              <td className="row-actions">
                {kase.may.write && !r.read_only && <Link className="button" to={`/reports/${r.id}/edit`}>{t('case.edit_report')}</Link>}
                <Link className="button" to={`/reports/${r.id}/print`}>{t('report.print')}</Link>
                {kase.may.confirm && r.state === 'submitted' && (
                  <button type="button" className="primary" onClick={() => void act(() => casesApi.confirmReport(r.id), t('report.confirmed_hc'))}>
                    {t('report.confirm_hc')}
                  </button>
                )}
                {kase.may.write && !r.read_only && (
                  <button type="button" className="danger" onClick={() => { setDeleting(r); setUnderstood(false); }}>
                    {t('report.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Modal open={!!deleting} title={t('report.delete_title')} onClose={() => setDeleting(null)}
        actions={
          <>
            <button type="button" onClick={() => setDeleting(null)}>{t('form.cancel')}</button>
            <button type="button" className="danger primary" disabled={!understood}
              onClick={() => {
                if (!deleting) return;
                const r = deleting;
                setDeleting(null);
                void act(() => casesApi.deleteReport(r.id), t('report.deleted'));
              }}>
              {t('report.delete_do')}
            </button>
          </>
        }>
        <p>{t('report.delete_help')}</p>
        <label className="choice">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
          {t('report.delete_understand')}
        </label>
      </Modal>
    </>
  );
}

// 検査: each report's tests, replaced as a list (results corrected, more added: CASE-2, REP-6).
function TestsTab({ kase, onSaved }: TabProps) {
  const { t } = useTranslation();
  const byReport = kase.reports.filter((r) => !r.read_only).map((r) => ({ report: r, tests: kase.tests.filter((x) => x.report_id === r.id).map(({ report_id: _, ...x }) => x) }));
  return (
    <>
      {byReport.map(({ report, tests }) => (
        <TestsEditor key={`${report.id}-${kase.version}`} kase={kase} reportId={report.id} tests={tests} onSaved={onSaved} />
      ))}
      {byReport.length === 0 && <p>{t('case.no_reports')}</p>}
    </>
  );
}

function TestsEditor({ kase, reportId, tests, onSaved }: TabProps & { reportId: number; tests: Test[] }) {
  const { t } = useTranslation();
  const form = useForm({ tests }, !kase.may.write);
  const submit = useSubmit(form);
  const guard = useUnsavedChanges(kase.may.write && isChanged(form.values.tests, tests));
  const save = submit.run(async () => {
    await casesApi.setReportTests(reportId, form.values.tests);
    guard.release();
    await onSaved(t('form.saved'));
  });
  return (
    <form noValidate onSubmit={save}>
      <h2>{t('case.tests_of_report', { id: reportId })}</h2>
      <ErrorAlert error={submit.problem} />
      <FormFields form={form}>
        {form.values.tests.map((_, i) => (
          <div className="test-row grid-2" key={i}>
            <SelectField name={`tests.${i}.method`} label={t('field.tests.method')} options={options(t, 'method')} />
            <SelectField name={`tests.${i}.specimen`} label={t('field.tests.specimen')} options={options(t, 'specimen')} />
            <TextField name={`tests.${i}.collected_on`} type="date" label={t('field.tests.collected_on')} />
            <SelectField name={`tests.${i}.result`} label={t('field.tests.result')} options={options(t, 'result')} />
          </div>
        ))}
      </FormFields>
      {kase.may.write && (
        <div className="actions">
          <button type="button" onClick={() => form.set('tests', [...form.values.tests, emptyTest()])}>{t('report.add_test')}</button>
          <button type="submit" className="primary">{t('form.save')}</button>
        </div>
      )}
    </form>
  );
}

function ResidencesTab(props: TabProps) {
  const { t } = useTranslation();
  return (
    <TabForm {...props} tab="residences" initial={{ residences: props.kase.residences }}>
      <ResidenceRows />
      {props.kase.may.write && <AddResidence label={t('case.add_residence')} />}
    </TabForm>
  );
}

function ResidenceRows() {
  const { t } = useTranslation();
  const rows = useFieldValue<unknown[]>('residences') ?? [];
  return (
    <>
      {rows.map((_, i) => (
        <div className="test-row grid-2" key={i}>
          <SelectField name={`residences.${i}.kind`} label={t('field.residences.kind')} required options={options(t, 'residence')} />
          <TextField name={`residences.${i}.place`} label={t('field.residences.place')} />
          <TextField name={`residences.${i}.from`} type="date" label={t('field.residences.from')} required />
          <TextField name={`residences.${i}.to`} type="date" label={t('field.residences.to')} />
        </div>
      ))}
    </>
  );
}

function AddResidence({ label: text }: { label: string }) {
  const rows = useFieldValue<unknown[]>('residences') ?? [];
  const setter = useFieldSetter();
  return (
    <button type="button" onClick={() => setter('residences', [...rows, { kind: null, place: '', from: '', to: '' }])}>
      {text}
    </button>
  );
}

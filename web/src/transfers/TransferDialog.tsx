// 移管 (issue 14 items 2-3, ACL-5, REP-4): the case's health center hands it to another one.
// The receiving health center is picked by name from the national directory (other
// prefectures' too); the old one stays related when ticked; the reason is required. The case's
// version goes with it, so a change made meanwhile is refused rather than overwritten.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { CheckboxField, ErrorSummary, FormFields, SelectField, TextArea, useForm, useSubmit } from '../components/form';
import { Modal } from '../components/Modal';
import { listHealthCenters, transferCase, type TransferForm } from './api';

interface Props {
  patientId: number;
  version: number;
  responsibleId: number | null;
  responsibleName: string | null;
  // The health center of the patient's area (管轄): it keeps reading the case whatever is
  // chosen (issue 14 item 15), which the dialog says when "keep related" is unticked.
  areaId: number;
  myOrganisationId: number;
  onClose: () => void;
  onDone: (message: string) => Promise<unknown>;
}

const start = (): TransferForm => ({ to_health_center_id: undefined, keep_related: true, reason: '' });

export function TransferDialog({ patientId, version, responsibleId, responsibleName, areaId, myOrganisationId, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const centers = useResource((signal) => listHealthCenters(signal), []);
  const [filter, setFilter] = useState('');
  const form = useForm(start);
  const submit = useSubmit(form);
  const chosen = form.values.to_health_center_id;
  const areaKeeps = !form.values.keep_related && responsibleId !== null && responsibleId === areaId && chosen !== areaId;
  const options = useMemo(() => {
    const words = filter.trim().split(/\s+/).filter(Boolean);
    return (centers.data ?? [])
      // Only health centers that take cases: no 地方衛生研究所, no retired one (issue 14 item 7).
      .filter((c) => c.id !== responsibleId && c.id !== myOrganisationId && !c.public_health_institute && !c.retired)
      .filter((c) => c.id === chosen || words.every((w) => c.name.includes(w) || c.code.includes(w)))
      .map((c) => [c.id, c.name] as const);
  }, [centers.data, filter, responsibleId, myOrganisationId, chosen]);
  const save = submit.run(async () => {
    await transferCase(patientId, form.values, version);
    const name = centers.data?.find((c) => c.id === form.values.to_health_center_id)?.name ?? '';
    onClose();
    await onDone([t('transfer.done', { name }), areaKeeps ? t('transfer.area_keeps', { name: responsibleName }) : ''].filter(Boolean).join(' '));
  });
  return (
    <Modal
      open
      title={t('transfer.title')}
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>{t('form.cancel')}</button>
          <button type="submit" form="transfer-form" className="primary" disabled={submit.busy}>{t('transfer.do')}</button>
        </>
      }
    >
      <form id="transfer-form" noValidate onSubmit={save}>
        <p>{t('transfer.help')}</p>
        {responsibleName && <p>{t('transfer.current', { name: responsibleName })}</p>}
        <ErrorAlert error={centers.error} />
        <ErrorAlert error={submit.problem} />
        <ErrorSummary errors={form.errors} />
        <div className="field">
          <label htmlFor="transfer-filter">{t('transfer.filter')}</label>
          <p className="hint" id="transfer-filter-hint">{t('transfer.filter_hint')}</p>
          <input id="transfer-filter" type="search" aria-describedby="transfer-filter-hint" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <FormFields form={form}>
          <SelectField name="to_health_center_id" label={t('field.to_health_center_id')} required options={options} />
          {options.length === 0 && centers.data && <p className="hint">{t('transfer.no_match')}</p>}
          <CheckboxField name="keep_related" label={t('field.keep_related')} />
          {areaKeeps && (
            <p className="hint" role="status">
              {t('transfer.area_keeps', { name: responsibleName })}
            </p>
          )}
          <TextArea name="reason" label={t('field.reason')} required maxLength={2000} />
        </FormFields>
      </form>
    </Modal>
  );
}

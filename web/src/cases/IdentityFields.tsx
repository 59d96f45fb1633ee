// ID管理 (CASE-1) fields, shared by the report form (prefix "patient.") and the case's tab.
import { useTranslation } from 'react-i18next';
import { CheckboxField, RadioField, TextField, useFieldValue } from '../components/form';
import { ageOn, options } from './model';

export function IdentityFields({ prefix = '', ageOnDate, required }: { prefix?: string; ageOnDate?: string; required?: boolean }) {
  const { t } = useTranslation();
  const f = (name: string) => `${prefix}${name}`;
  const label = (name: string) => t(`field.${name}`);
  const birth = useFieldValue<string>(f('birth_date'));
  const nationality = useFieldValue<string>(f('nationality'));
  const age = ageOnDate ? ageOn(birth ?? '', ageOnDate) : null;
  return (
    <>
      <div className="grid-2">
        <TextField name={f('name')} label={label('name')} required={required} autoComplete="off" />
        <TextField name={f('kana')} label={label('kana')} hint={t('case.kana_hint')} />
      </div>
      <RadioField name={f('sex')} label={label('sex')} required={required} options={options(t, 'sex')} />
      <TextField name={f('birth_date')} type="date" label={label('birth_date')} required={required} hint={age !== null ? t('report.age', { age }) : undefined} />
      <div className="grid-2">
        <TextField name={f('phone')} type="tel" inputMode="tel" label={label('phone')} hint={t('case.phone_hint')} />
        <TextField name={f('email')} type="email" label={label('email')} />
      </div>
      <div className="grid-2">
        <TextField name={f('postal_code')} inputMode="numeric" label={label('postal_code')} hint="123-4567" />
        <TextField name={f('address')} label={label('address')} required={required} />
      </div>
      <div className="grid-2">
        <TextField name={f('current_postal_code')} inputMode="numeric" label={label('current_postal_code')} />
        <TextField name={f('current_address')} label={label('current_address')} />
      </div>
      <div className="grid-2">
        <TextField name={f('nationality')} label={label('nationality')} maxLength={2} hint="JP, US, CN …" />
        {nationality && nationality !== 'JP' && <TextField name={f('entry_date')} type="date" label={label('entry_date')} />}
      </div>
      {nationality && nationality !== 'JP' && <TextField name={f('passport_number')} label={label('passport_number')} hint={t('case.passport_hint')} />}
      <CheckboxField name={f('notify_sms')} label={label('notify_sms')} />
      <CheckboxField name={f('notify_email')} label={label('notify_email')} />
    </>
  );
}

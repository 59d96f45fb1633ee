// ID管理 (CASE-1) fields, shared by the report form (prefix "patient.") and the case's tab.
// The フリガナ follows the reading the input method composes while the name is typed
// (correctable; once edited by hand it is left alone), phone and postal codes are folded to
// half-width when left, and the birth date takes 和暦 (issue 19 items 15, 16, 21, 28).
import { useRef, useState, type CompositionEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, RadioField, TextField, useFieldSetter, useFieldValue } from '../components/form';
import { ageOn, countryCode, digitsAndHyphens, options, postalCode, readingOf } from './model';

export function IdentityFields({ prefix = '', ageOnDate, required }: { prefix?: string; ageOnDate?: string; required?: boolean }) {
  const { t } = useTranslation();
  const f = (name: string) => `${prefix}${name}`;
  const label = (name: string) => t(`field.${name}`);
  const birth = useFieldValue<string>(f('birth_date'));
  const nationality = useFieldValue<string>(f('nationality'));
  const kana = useFieldValue<string>(f('kana')) ?? '';
  const set = useFieldSetter();
  const age = ageOnDate ? ageOn(birth ?? '', ageOnDate) : null;
  // The reading composed so far, and the kana it last filled in (to know whether it was edited).
  const reading = useRef({ composed: '', pending: '' });
  const [filled, setFilled] = useState<string | null>(null);
  const follow = kana === '' || kana === filled;
  const fill = (next: string) => {
    if (!follow) return;
    setFilled(next);
    set(f('kana'), next);
  };
  const nameEvents = {
    onCompositionUpdate: (e: CompositionEvent<HTMLDivElement>) => {
      // Before conversion the composed text is the reading (かな); keep the last one.
      const r = readingOf(e.data);
      if (r) reading.current.pending = r;
    },
    onCompositionEnd: (e: CompositionEvent<HTMLDivElement>) => {
      const r = reading.current.pending || readingOf(e.data);
      reading.current.pending = '';
      if (!r) return;
      reading.current.composed += r;
      fill(reading.current.composed);
    },
    onInput: (e: FormEvent<HTMLDivElement>) => {
      if (!(e.target instanceof HTMLInputElement)) return;
      const value = e.target.value;
      if (value === '') {
        reading.current.composed = '';
        if (follow && kana) fill('');
      } else if (/[ \u3000]$/.test(value) && reading.current.composed && !/ $/.test(reading.current.composed)) {
        reading.current.composed += ' ';
      }
    },
  };
  return (
    <>
      <div className="grid-2">
        <div className="name-field" {...nameEvents}>
          <TextField name={f('name')} label={label('name')} required={required} autoComplete="off" />
        </div>
        <TextField name={f('kana')} label={label('kana')} hint={filled !== null && kana === filled && kana ? t('case.kana_auto') : t('case.kana_hint')} />
      </div>
      <RadioField name={f('sex')} label={label('sex')} required={required} options={options(t, 'sex')} />
      <TextField name={f('birth_date')} type="date" era label={label('birth_date')} required={required} hint={age !== null ? t('report.age', { age }) : undefined} />
      <div className="grid-2">
        <TextField name={f('phone')} type="tel" inputMode="tel" label={label('phone')} hint={t('case.phone_hint')} normalise={digitsAndHyphens} />
        <TextField name={f('email')} type="email" label={label('email')} />
      </div>
      <div className="grid-2">
        <TextField name={f('postal_code')} inputMode="numeric" label={label('postal_code')} hint="123-4567" normalise={postalCode} />
        <TextField name={f('address')} label={label('address')} required={required} />
      </div>
      <div className="grid-2">
        <TextField name={f('current_postal_code')} inputMode="numeric" label={label('current_postal_code')} normalise={postalCode} />
        <TextField name={f('current_address')} label={label('current_address')} />
      </div>
      <div className="grid-2">
        <TextField name={f('nationality')} label={label('nationality')} maxLength={2} hint="JP, US, CN …" normalise={countryCode} />
        {nationality && nationality !== 'JP' && <TextField name={f('entry_date')} type="date" label={label('entry_date')} />}
      </div>
      {nationality && nationality !== 'JP' && <TextField name={f('passport_number')} label={label('passport_number')} hint={t('case.passport_hint')} />}
      <CheckboxField name={f('notify_email')} label={label('notify_email')} />
    </>
  );
}

// Form state and the labelled fields every screen uses. Values live in one object addressed
// by dotted paths ("patient.name", "tests.0.result") - the same paths the API names in its
// field errors, so each error lands on its own field: framed in red, its message tied to the
// input (aria-describedby) and listed in the announced summary (REP-2).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, messageOf, type FieldError } from '../app/api';
import { toHalfWidth } from '../app/normalise';
import './date-field.css';
import { eraOf, eras, gregorianYear, parseDate, partsOf, valueOf, type Era } from './dateParts';

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

export function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (isContainer(v) ? (v as Record<string, unknown>)[key] : undefined), value);
}

export function setPath<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = path.split('.');
  const container: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
  container[head] = rest.length ? setPath(container[head] ?? (/^\d+$/.test(rest[0]) ? [] : {}), rest.join('.'), next) : next;
  return container as T;
}

export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

// What the fields need of a form, whatever its values' type.
export interface FieldsApi {
  errors: FieldError[];
  readOnly: boolean;
  get: (path: string) => unknown;
  set: (path: string, value: unknown) => void;
  errorOf: (path: string) => FieldError | undefined;
}

export interface FormApi<T> extends FieldsApi {
  values: T;
  setValues: (values: T | ((previous: T) => T)) => void;
  setErrors: (errors: FieldError[]) => void;
}

export function useForm<T>(initial: T | (() => T), readOnly = false): FormApi<T> {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const set = useCallback((path: string, value: unknown) => {
    setValues((previous) => setPath(previous, path, value));
    // A corrected field loses its red frame at once.
    setErrors((previous) => previous.filter((e) => e.field !== path && !e.field.startsWith(`${path}.`)));
  }, []);
  return useMemo(
    () => ({
      values,
      errors,
      readOnly,
      get: (path: string) => getPath(values, path),
      set,
      setValues,
      setErrors,
      errorOf: (path: string) => errors.find((e) => e.field === path),
    }),
    [values, errors, readOnly, set],
  );
}

const FormContext = createContext<FieldsApi | null>(null);
function useFormApi(): FieldsApi {
  const form = useContext(FormContext);
  if (!form) throw new Error('field outside <FormFields>');
  return form;
}

export function FormFields({ form, children }: { form: FieldsApi; children: ReactNode }) {
  return <FormContext.Provider value={form}>{children}</FormContext.Provider>;
}

interface Common {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  className?: string;
}

function Frame({ name, label, hint, required, className, error, children, group }: Common & { error?: FieldError; children: ReactNode; group?: boolean }) {
  const { t } = useTranslation();
  const id = fieldId(name);
  const heading = (
    <>
      {label}
      {required && <span className="required">{t('form.required')}</span>}
    </>
  );
  const notes = (
    <>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error.message}
        </p>
      )}
    </>
  );
  const classes = `field ${error ? 'has-error' : ''} ${className ?? ''}`;
  if (group) {
    return (
      <fieldset className={classes} id={id} tabIndex={-1} aria-describedby={describedBy(id, hint, error)}>
        <legend>{heading}</legend>
        {notes}
        {children}
      </fieldset>
    );
  }
  return (
    <div className={classes}>
      <label htmlFor={id}>{heading}</label>
      {notes}
      {children}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: FieldError) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function inputProps(form: FieldsApi, props: Common) {
  const id = fieldId(props.name);
  const error = form.errorOf(props.name);
  return {
    id,
    name: props.name,
    disabled: form.readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-required': props.required || undefined,
    'aria-describedby': describedBy(id, props.hint, error),
  };
}

// The text of a value for an input: strings as they are, numbers as digits, anything else empty.
const textOf = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

type TextProps = Common & { type?: 'text' | 'date' | 'email' | 'tel' | 'password'; autoComplete?: string; inputMode?: 'numeric' | 'tel' | 'email' | 'text'; maxLength?: number; after?: ReactNode; selectOnFocus?: boolean; normalise?: (text: string) => string; era?: boolean };

// A text input; `type="date"` is a year / month / day input (DateField), `normalise` folds what
// was typed when the field is left and shows it back (issue 19 item 16).
export function TextField(props: TextProps) {
  return props.type === 'date' ? <DateField {...props} /> : <PlainTextField {...props} />;
}

function PlainTextField(props: TextProps) {
  const form = useFormApi();
  const { normalise } = props;
  return (
    <Frame {...props} error={form.errorOf(props.name)}>
      <input
        {...inputProps(form, props)}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        value={textOf(form.get(props.name))}
        onFocus={props.selectOnFocus ? (e) => e.target.select() : undefined}
        onChange={(e) => form.set(props.name, e.target.value)}
        onBlur={normalise ? (e) => e.target.value !== normalise(e.target.value) && form.set(props.name, normalise(e.target.value)) : undefined}
      />
      {props.after}
    </Frame>
  );
}

// A date as year / month / day (issue 19 item 15): typed straight through (each part moves on
// when it is complete; "/", "-", "." and Tab move on too), a whole date typed or pasted into any
// part (2026-11-29, 2026/11/29, 20261129, 令和8年11月29日) fills all three, and with `era` the
// year may be given in 和暦 (an era choice, or typed: 令和8, R8). The form holds ISO
// (YYYY-MM-DD); a part-typed date is held as typed, so the server names it instead of losing it.
export function DateField(props: Common & { era?: boolean }) {
  const form = useFormApi();
  const { t } = useTranslation();
  const id = fieldId(props.name);
  const error = form.errorOf(props.name);
  const value = textOf(form.get(props.name));
  const [texts, setTexts] = useState(() => partsOf(value));
  const [era, setEra] = useState<Era | ''>('');
  const [held, setHeld] = useState(value);
  const refs = [useRef<HTMLInputElement>(null), useRef<HTMLInputElement>(null), useRef<HTMLInputElement>(null)];
  if (value !== held) {
    // Set from outside (a preset, a loaded report): show it.
    setHeld(value);
    setTexts(partsOf(value));
    setEra('');
  }
  const put = (next: [string, string, string], nextEra: Era | '') => {
    const year = nextEra && /^\d{1,2}$/.test(next[0]) ? String(gregorianYear(nextEra, Number(next[0]))) : next[0];
    const v = valueOf(year, next[1], next[2]);
    setTexts(next);
    setEra(nextEra);
    setHeld(v);
    form.set(props.name, v);
  };
  const whole = (text: string) => {
    const iso = parseDate(text);
    if (!iso) return false;
    put(partsOf(iso), '');
    refs[2].current?.focus();
    return true;
  };
  // A box clicked or tabbed into has its content selected, so typing replaces it; typing into a
  // full box without a selection replaces it too (issue 14 item 1: retyping a filled date).
  const focused = useRef(false);
  const change = (i: number, input: string, caret: number | null) => {
    if (whole(input)) return;
    let raw = input;
    const full = i === 0 ? (era ? 2 : 4) : 2;
    if (texts[i].length >= full && raw.length > texts[i].length && caret !== null) {
      const typed = raw.slice(caret - (raw.length - texts[i].length), caret);
      if (/^[0-9０-９]+$/.test(typed)) raw = typed;
    }
    let text = toHalfWidth(raw);
    let nextEra = era;
    if (i === 0 && props.era) {
      const typed = /^(令和|平成|昭和|大正|[RHSTrhst])\.?(\d{0,2})$/.exec(text);
      if (typed) {
        nextEra = eras.find(([, kanji, letter]) => typed[1] === kanji || typed[1].toUpperCase() === letter)![0];
        text = typed[2];
      }
    }
    text = text.replace(/\D/g, '').slice(0, i === 0 ? (nextEra ? 2 : 4) : 2);
    const next: [string, string, string] = [...texts];
    next[i] = text;
    put(next, nextEra);
    const complete = i === 0 ? text.length === (nextEra ? 2 : 4) : i === 1 ? text.length === 2 || Number(text) > 1 : false;
    if (complete && raw.length > texts[i].length) refs[i + 1].current?.focus();
  };
  const key = (i: number, e: KeyboardEvent<HTMLInputElement>) => {
    if (['/', '-', '.', ' '].includes(e.key) && i < 2) {
      e.preventDefault();
      if (texts[i]) refs[i + 1].current?.focus();
    } else if (e.key === 'Backspace' && i > 0 && !texts[i]) {
      e.preventDefault();
      refs[i - 1].current?.focus();
    }
  };
  const paste = (e: ClipboardEvent<HTMLInputElement>) => {
    if (whole(e.clipboardData.getData('text'))) e.preventDefault();
  };
  const era2 = era ? null : eraOf(value);
  const hint = [props.hint, props.era && era2 ? t('form.date_era', { era: t(`form.era.${era2[0]}`), year: era2[1] === 1 ? t('form.era_first') : era2[1] }) : ''].filter(Boolean).join(' ') || undefined;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const part = (i: number, name: string, width: string) => (
    <span className="date-part">
      <input
        ref={refs[i]}
        id={i === 0 ? id : `${id}-${name}`}
        name={`${props.name}.${name}`}
        className={width}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        disabled={form.readOnly}
        aria-label={t('form.date_part', { label: props.label, part: t(`form.date_${name}`) })}
        aria-invalid={error ? true : undefined}
        aria-required={props.required || undefined}
        aria-describedby={describedBy}
        value={texts[i]}
        onChange={(e) => change(i, e.target.value, e.target.selectionStart)}
        onFocus={(e) => e.target.select()}
        onMouseDown={(e) => (focused.current = document.activeElement !== e.currentTarget)}
        onMouseUp={(e) => {
          // The click that focused the box keeps the selection (the browser would collapse it).
          if (focused.current) e.preventDefault();
          focused.current = false;
        }}
        onKeyDown={(e) => key(i, e)}
        onPaste={paste}
      />
      <span aria-hidden="true">{t(`form.date_${name}`)}</span>
    </span>
  );
  return (
    <fieldset className={`field date-field ${error ? 'has-error' : ''} ${props.className ?? ''}`} id={`${id}-group`}>
      <legend>
        {props.label}
        {props.required && <span className="required">{t('form.required')}</span>}
      </legend>
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="field-error" id={`${id}-error`}>{error.message}</p>}
      <div className="date-parts">
        {props.era && (
          <select aria-label={t('form.date_part', { label: props.label, part: t('form.date_era_label') })} disabled={form.readOnly} value={era} onChange={(e) => put(texts, e.target.value as Era | '')}>
            <option value="">{t('form.era.western')}</option>
            {eras.map(([code]) => (
              <option key={code} value={code}>{t(`form.era.${code}`)}</option>
            ))}
          </select>
        )}
        {part(0, 'year', 'date-year')}
        {part(1, 'month', 'date-2')}
        {part(2, 'day', 'date-2')}
      </div>
    </fieldset>
  );
}

export function TextArea(props: Common & { rows?: number; maxLength?: number }) {
  const form = useFormApi();
  return (
    <Frame {...props} error={form.errorOf(props.name)}>
      <textarea {...inputProps(form, props)} rows={props.rows ?? 3} maxLength={props.maxLength} value={textOf(form.get(props.name))} onChange={(e) => form.set(props.name, e.target.value)} />
    </Frame>
  );
}

export function NumberField(props: Common & { min?: number; max?: number }) {
  const form = useFormApi();
  return (
    <Frame {...props} error={form.errorOf(props.name)}>
      <input
        {...inputProps(form, props)}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        value={textOf(form.get(props.name))}
        onChange={(e) => form.set(props.name, e.target.value === '' ? null : Number(e.target.value))}
      />
    </Frame>
  );
}

// A choice: the value the form holds (a code, a boolean, an id) and its label.
export type Option = readonly [value: unknown, label: string];

export function SelectField(props: Common & { options: readonly Option[]; empty?: string }) {
  const form = useFormApi();
  const value = form.get(props.name);
  const index = props.options.findIndex(([v]) => v === value);
  return (
    <Frame {...props} error={form.errorOf(props.name)}>
      <select {...inputProps(form, props)} value={index < 0 ? '' : String(index)} onChange={(e) => form.set(props.name, e.target.value === '' ? undefined : props.options[Number(e.target.value)][0])}>
        <option value="">{props.empty ?? '—'}</option>
        {props.options.map(([, label], i) => (
          <option key={i} value={String(i)}>
            {label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

// Radio buttons: values may be strings or booleans.
export function RadioField(props: Common & { options: readonly Option[]; inline?: boolean }) {
  const form = useFormApi();
  const value = form.get(props.name);
  const id = fieldId(props.name);
  return (
    <Frame {...props} group error={form.errorOf(props.name)}>
      <div className={props.inline === false ? 'choices' : 'choices inline'}>
        {props.options.map(([v, label], i) => (
          <label key={i} className="choice">
            <input type="radio" name={id} id={`${id}-${i}`} disabled={form.readOnly} checked={value === v} onChange={() => form.set(props.name, v)} />
            {label}
          </label>
        ))}
      </div>
    </Frame>
  );
}

// Check boxes for a list of codes. `exclusive` (e.g. "none") clears the others and vice versa.
export function CheckboxesField(props: Common & { options: readonly Option[]; exclusive?: unknown }) {
  const form = useFormApi();
  const held = form.get(props.name);
  const value: unknown[] = Array.isArray(held) ? held : [];
  const id = fieldId(props.name);
  const toggle = (code: unknown, on: boolean) => {
    let next = on ? [...value, code] : value.filter((v) => v !== code);
    if (on && props.exclusive) next = code === props.exclusive ? [code] : next.filter((v) => v !== props.exclusive);
    form.set(props.name, next);
  };
  return (
    <Frame {...props} group error={form.errorOf(props.name)}>
      <div className="choices inline">
        {props.options.map(([code, label]) => (
          <label key={String(code)} className="choice">
            <input type="checkbox" id={`${id}-${String(code)}`} disabled={form.readOnly} checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} />
            {label}
          </label>
        ))}
      </div>
    </Frame>
  );
}

// The announced list of everything wrong; each entry moves the focus to its field.
// Each error names its field: with the message `<labels>.<field>` (numeric path parts left
// out), or as `labels(field)` says for fields whose names the server sends (daily brackets).
export function ErrorSummary({ errors, title, labels = 'field' }: { errors: FieldError[]; title?: string; labels?: string | ((field: string) => string | undefined) }) {
  const { t, i18n } = useTranslation();
  const nameOf = (field: string) => {
    if (typeof labels === 'function') return labels(field) ?? '';
    const key = `${labels}.${field.replace(/\.\d+/g, '')}`;
    return i18n.exists(key) ? t(key) : '';
  };
  // When errors appear (a submit answered with them), the summary takes the focus and is
  // scrolled to, wherever the button was (issue 14 item 3); fixing a field does not move it.
  const box = useRef<HTMLDivElement>(null);
  const shown = useRef(0);
  useEffect(() => {
    if (errors.length > 0 && shown.current === 0) {
      box.current?.focus({ preventScroll: true });
      box.current?.scrollIntoView({ block: 'start' });
    }
    shown.current = errors.length;
  }, [errors.length]);
  if (errors.length === 0) return null;
  const focus = (field: string) => {
    let path = field;
    while (path) {
      const element = document.getElementById(fieldId(path));
      if (element) {
        element.focus();
        return;
      }
      path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    }
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box}>
      <h2>{title ?? t('form.errors', { count: errors.length })}</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => focus(e.field)}>
              {e.message}
              {nameOf(e.field) && <span className="field-name"> ({nameOf(e.field)})</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

// The current value of a field, for fields that depend on another; the caller names the type
// its path holds.
export function useFieldValue<V>(path: string): V | undefined {
  return useFormApi().get(path) as V | undefined;
}

// One yes/no check box for a boolean.
export function CheckboxField({ name, label }: { name: string; label: string }) {
  const form = useFormApi();
  const error = form.errorOf(name);
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label className="choice">
        <input type="checkbox" id={fieldId(name)} disabled={form.readOnly} checked={!!form.get(name)} onChange={(e) => form.set(name, e.target.checked)} />
        {label}
      </label>
      {error && <p className="field-error">{error.message}</p>}
    </div>
  );
}

// Sets a field from outside an input (e.g. "add a row").
export function useFieldSetter(): (path: string, value: unknown) => void {
  return useFormApi().set;
}

// Runs a form's request, one at a time: the previous answer's errors are cleared, the server's
// field errors go to the form (and `onFieldErrors`), anything else becomes `problem` for the
// alert above the form. `run(work)` is the handler for a form's submit or a button's click.
export function useSubmit(form: { setErrors: (errors: FieldError[]) => void }, onFieldErrors?: () => void) {
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const { setErrors } = form;
  const perform = async (work: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setProblem('');
    setErrors([]);
    try {
      await work();
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      if (fields.length) onFieldErrors?.();
      else setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const run = (work: () => Promise<unknown>) => (e?: FormEvent) => {
    e?.preventDefault();
    void perform(work);
  };
  return { problem, busy, run, setProblem };
}

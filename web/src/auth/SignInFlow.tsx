// Sign-in from the password to an active session (AUTH-1..4): the forced change of the
// initial password, registering a second factor (authenticator app or a phone), and the code
// at every sign-in (authenticator, or SMS / voice call with re-send). Used as the sign-in page
// and, with the login ID fixed, in the dialog shown when the session has expired.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf, type FieldError } from '../app/api';
import type { PhoneChannel, Stage } from '../app/codes';
import { useResource } from '../app/useResource';
import { ErrorAlert } from '../components/Alert';
import { ErrorSummary, fieldId, FormFields, RadioField, TextField, useForm, useSubmit, type FieldsApi } from '../components/form';
import * as authApi from './api';
import type { Me, Phone, TotpEnrolment } from './api';

type Step = 'password' | Exclude<Stage, 'active'>;

export function SignInFlow({ loginId, stage, onActive }: { loginId?: string; stage?: Stage; onActive: (me: Me) => void }) {
  const [step, setStep] = useState<Step>(stage && stage !== 'active' ? stage : 'password');
  const [password, setPassword] = useState('');
  const advance = async (next: Stage) => {
    if (next === 'active') onActive(await authApi.me());
    else setStep(next);
  };
  switch (step) {
    case 'password':
      return <PasswordStep loginId={loginId} onDone={(next, typed) => { setPassword(typed); return advance(next); }} />;
    case 'password_change':
      return <PasswordChangeStep current={password} onDone={advance} />;
    case 'second_factor_enrolment':
      return <EnrolmentStep onDone={advance} />;
    case 'second_factor':
      return <CodeStep onDone={advance} />;
  }
}

// The 6-digit code and the button that sends it; the code field has the focus when the step
// opens (issue 19 item 26), so the code is typed straight away.
function CodeForm({ form, onSubmit, busy, action }: { form: FieldsApi; onSubmit: (e: FormEvent) => void; busy: boolean; action: string }) {
  const { t } = useTranslation();
  useEffect(() => document.getElementById(fieldId('code'))?.focus(), []);
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormFields form={form}>
        <TextField name="code" label={t('auth.code')} hint={t('auth.code_hint')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
      </FormFields>
      <button className="primary" type="submit" disabled={busy}>
        {action}
      </button>
    </form>
  );
}

// The sign-in fields' names, for the error summary ("入力してください (ログインID)").
const fieldLabels: Record<string, string> = {
  login_id: 'auth.login_id',
  password: 'auth.password',
  current_password: 'auth.current_password',
  new_password: 'auth.new_password',
  again: 'auth.new_password_again',
  code: 'auth.code',
  number: 'auth.phone_number',
  channel: 'auth.channel',
};

function StepFrame({ title, problem, errors, children, intro }: { title: string; problem: string; errors: FieldError[]; children: ReactNode; intro?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="sign-in-step" aria-labelledby="step-title">
      <h2 id="step-title">{title}</h2>
      {intro}
      <ErrorAlert error={problem} />
      <ErrorSummary errors={errors} labels={(field) => (fieldLabels[field] ? t(fieldLabels[field]) : undefined)} />
      {children}
    </section>
  );
}

function PasswordStep({ loginId, onDone }: { loginId?: string; onDone: (next: Stage, password: string) => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm({ login_id: loginId ?? '', password: '' });
  const step = useSubmit(form);
  const submit = step.run(async () => {
    const answer = await authApi.signIn(form.values);
    await onDone(answer.stage, form.values.password);
  });
  return (
    <StepFrame title={t('auth.sign_in')} problem={step.problem} errors={form.errors}>
      <form onSubmit={submit} noValidate>
        <FormFields form={form}>
          {loginId ? (
            <p>
              {t('auth.login_id')}: <strong>{loginId}</strong>
            </p>
          ) : (
            <TextField name="login_id" label={t('auth.login_id')} autoComplete="username" required />
          )}
          <TextField name="password" type="password" label={t('auth.password')} autoComplete="current-password" required />
        </FormFields>
        <button className="primary" type="submit" disabled={step.busy}>
          {t('auth.sign_in')}
        </button>
      </form>
    </StepFrame>
  );
}

function PasswordChangeStep({ current, onDone }: { current: string; onDone: (next: Stage) => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm({ current_password: current, new_password: '', again: '' });
  const step = useSubmit(form);
  const submit = step.run(async () => {
    if (form.values.new_password !== form.values.again) {
      form.setErrors([{ field: 'again', code: 'mismatch', message: t('auth.password_mismatch') }]);
      return;
    }
    const answer = await authApi.changePassword({
      current_password: form.values.current_password,
      new_password: form.values.new_password,
    });
    await onDone(answer.stage);
  });
  return (
    <StepFrame title={t('auth.change_password')} problem={step.problem} errors={form.errors} intro={<p>{t('auth.change_password_help')}</p>}>
      <form onSubmit={submit} noValidate>
        <FormFields form={form}>
          {!current && <TextField name="current_password" type="password" label={t('auth.current_password')} autoComplete="current-password" required />}
          <TextField name="new_password" type="password" label={t('auth.new_password')} hint={t('auth.password_rule')} autoComplete="new-password" required />
          <TextField name="again" type="password" label={t('auth.new_password_again')} autoComplete="new-password" required />
        </FormFields>
        <button className="primary" type="submit" disabled={step.busy}>
          {t('auth.change')}
        </button>
      </form>
    </StepFrame>
  );
}

function EnrolmentStep({ onDone }: { onDone: (next: Stage) => Promise<void> }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<'totp' | 'phone'>('totp');
  return (
    <section className="sign-in-step" aria-labelledby="step-title">
      <h2 id="step-title">{t('auth.enrol')}</h2>
      <p>{t('auth.enrol_help')}</p>
      <div className="segmented" role="group" aria-label={t('auth.enrol')}>
        <button type="button" aria-pressed={method === 'totp'} onClick={() => setMethod('totp')}>
          {t('auth.method_totp')}
        </button>
        <button type="button" aria-pressed={method === 'phone'} onClick={() => setMethod('phone')}>
          {t('auth.method_phone')}
        </button>
      </div>
      {method === 'totp' ? <TotpEnrolment onDone={onDone} /> : <PhoneEnrolment onDone={onDone} />}
    </section>
  );
}

function TotpEnrolment({ onDone }: { onDone: (next: Stage) => Promise<void> }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const form = useForm({ code: '' });
  const step = useSubmit(form);
  // Begun once per showing: each call makes a new secret, which would replace the one shown.
  // Not a resource to reload (StrictMode runs effects twice in development).
  const started = useRef(false);
  const { setProblem } = step;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    authApi.beginTotpEnrolment().then(setEnrolment, (error: unknown) => setProblem(messageOf(error)));
  }, [setProblem]);
  const secret = enrolment ? (new URL(enrolment.otpauth_uri).searchParams.get('secret') ?? '') : '';
  const submit = step.run(async () => {
    const answer = await authApi.confirmTotpEnrolment(form.values);
    await onDone(answer.stage);
  });
  return (
    <StepFrame title={t('auth.method_totp')} problem={step.problem} errors={form.errors}>
      {enrolment && (
        <>
          <p>{t('auth.totp_scan')}</p>
          <img className="qr" alt={t('auth.totp_qr')} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`} />
          <p>
            {t('auth.totp_secret')}: <code className="secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
        </>
      )}
      <CodeForm form={form} onSubmit={submit} busy={step.busy} action={t('auth.register')} />
    </StepFrame>
  );
}

function PhoneEnrolment({ onDone }: { onDone: (next: Stage) => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm<{ number: string; channel: PhoneChannel; code: string }>({ number: '', channel: 'sms', code: '' });
  const step = useSubmit(form);
  const [phone, setPhone] = useState<Phone | null>(null);
  const [sent, setSent] = useState('');
  const register = step.run(async () => {
    const answer = await authApi.addPhone({ number: form.values.number, channel: form.values.channel });
    setPhone(answer.phone);
    setSent(t('auth.code_sent', { number: answer.phone.number }));
  });
  const resend = (id: number) =>
    step.run(async () => {
      await authApi.resendPhoneCode(id);
      setSent(t('auth.code_resent'));
    });
  const verify = (id: number) =>
    step.run(async () => {
      const answer = await authApi.verifyPhone(id, { code: form.values.code });
      await onDone(answer.stage);
    });
  const channels: [PhoneChannel, string][] = [
    ['sms', t('auth.channel_sms')],
    ['voice', t('auth.channel_voice')],
  ];
  return (
    <StepFrame title={t('auth.method_phone')} problem={step.problem} errors={form.errors}>
      <FormFields form={form}>
        {!phone ? (
          <form onSubmit={register} noValidate>
            <TextField name="number" type="tel" label={t('auth.phone_number')} hint={t('auth.phone_hint')} autoComplete="tel" required />
            <RadioField name="channel" label={t('auth.channel')} options={channels} />
            <button className="primary" type="submit" disabled={step.busy}>
              {t('auth.send_code')}
            </button>
          </form>
        ) : (
          <form onSubmit={verify(phone.id)} noValidate>
            <p role="status">{sent}</p>
            <TextField name="code" label={t('auth.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
            <div className="actions">
              <button className="primary" type="submit" disabled={step.busy}>
                {t('auth.register')}
              </button>
              <button type="button" onClick={resend(phone.id)} disabled={step.busy}>
                {t('auth.resend')}
              </button>
            </div>
          </form>
        )}
      </FormFields>
    </StepFrame>
  );
}

function CodeStep({ onDone }: { onDone: (next: Stage) => Promise<void> }) {
  const { t } = useTranslation();
  const form = useForm({ code: '' });
  const step = useSubmit(form);
  // The registered phones, to receive a code instead (none shown when they cannot be listed).
  const listed = useResource((signal) => authApi.listPhones(signal), []);
  const phones = (listed.data?.phones ?? []).filter((p) => p.verified);
  const [sent, setSent] = useState('');
  const send = (phone: Phone) =>
    step.run(async () => {
      await authApi.sendSignInCode({ phone_id: phone.id });
      setSent(t('auth.code_sent', { number: phone.number }));
    });
  const submit = step.run(async () => {
    const answer = await authApi.secondFactor(form.values);
    await onDone(answer.stage);
  });
  return (
    <StepFrame title={t('auth.second_factor')} problem={step.problem} errors={form.errors} intro={<p>{t('auth.second_factor_help')}</p>}>
      <CodeForm form={form} onSubmit={submit} busy={step.busy} action={t('auth.verify')} />
      {phones.length > 0 && (
        <div className="phones">
          <p>{t('auth.or_phone')}</p>
          {phones.map((p) => (
            <button key={p.id} type="button" onClick={send(p)} disabled={step.busy}>
              {t(p.channel === 'sms' ? 'auth.send_sms' : 'auth.send_voice', { number: p.number })}
            </button>
          ))}
          {sent && <p role="status">{sent}</p>}
        </div>
      )}
    </StepFrame>
  );
}

// Sign-in, the session and the second factor (AUTH-1..4): /api/v1/auth/*.
import { request } from '../app/api';
import type { CapabilityFlag, OrganisationKind, PhoneChannel, Role, Stage } from '../app/codes';
import type { Organisation } from '../admin/api';

export interface Account {
  id: number;
  organisation_id: number;
  login_id: string;
  display_name: string;
  role: Role;
}

// What the screens may offer the caller (docs/openapi.yaml, Capabilities): the server derives
// it from its policy table, so the app keeps no copy of the policy.
export type Capabilities = Record<CapabilityFlag, boolean> & { create_organisations: OrganisationKind[] };

export interface Me {
  stage: Stage;
  csrf_token: string;
  account: Account;
  organisation: Organisation;
  may: Capabilities;
}

export type Session = ({ signed_in: true } & Me) | { signed_in: false; reason: string };

export interface StageAnswer {
  stage: Stage;
}

export interface Phone {
  id: number;
  number: string;
  channel: PhoneChannel;
  verified: boolean;
}

export interface TotpEnrolment {
  otpauth_uri: string;
  qr_svg: string;
}

const auth = '/api/v1/auth';

export const session = () => request<Session>('GET', `${auth}/session`);
export const me = () => request<Me>('GET', `${auth}/me`);
export const signIn = (body: { login_id: string; password: string }) => request<StageAnswer>('POST', `${auth}/sign-in`, { body });
export const signOut = () => request<unknown>('POST', `${auth}/sign-out`);
export const changePassword = (body: { current_password: string; new_password: string }) => request<StageAnswer>('POST', `${auth}/password`, { body });

export const beginTotpEnrolment = () => request<TotpEnrolment>('POST', `${auth}/totp/enrolment`);
export const confirmTotpEnrolment = (body: { code: string }) => request<StageAnswer>('POST', `${auth}/totp/enrolment/confirm`, { body });

export const listPhones = (signal?: AbortSignal) => request<{ phones: Phone[] }>('GET', `${auth}/phones`, { signal });
export const addPhone = (body: { number: string; channel: PhoneChannel }) => request<{ phone: Phone }>('POST', `${auth}/phones`, { body });
export const resendPhoneCode = (phoneId: number) => request<unknown>('POST', `${auth}/phones/${phoneId}/code`);
export const verifyPhone = (phoneId: number, body: { code: string }) => request<StageAnswer>('POST', `${auth}/phones/${phoneId}/verify`, { body });

export const sendSignInCode = (body: { phone_id: number }) => request<unknown>('POST', `${auth}/second-factor/code`, { body });
export const secondFactor = (body: { code: string }) => request<StageAnswer>('POST', `${auth}/second-factor`, { body });

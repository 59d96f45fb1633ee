// Organisations, accounts and the access log (ORG-1, ORG-2, AUTH-3, ACL-7).
import { request } from '../app/api';
import type { AuditOutcome, OrganisationKind, Role } from '../app/codes';
import type { Account } from '../auth/api';

export interface Organisation {
  id: number;
  kind: OrganisationKind;
  code: string;
  name: string;
  address: string;
  parent_id: number | null;
  prefecture_code: string;
  city_health_center: boolean;
  files_daily_reports: boolean;
}

export interface NewOrganisation {
  kind: OrganisationKind;
  name: string;
  address: string;
  email: string;
  municipality_code?: string;
  city_health_center?: boolean;
  files_daily_reports?: boolean;
}

export interface AccountStatus extends Account {
  must_change_password: boolean;
  second_factor: boolean;
  failed_attempts: number;
  locked_until: string | null;
  disabled: boolean;
}

export interface NewAccount {
  display_name: string;
  login_id?: string;
  role?: Role;
}

// Issuing and resetting answer with the initial password, shown once.
export interface Issued extends Account {
  initial_password: string;
}

export interface AuditEvent {
  id: number;
  recorded_at: string;
  action: string;
  type: string;
  outcome: AuditOutcome;
  account_id: number | null;
  resource_type: string;
  resource_id: string;
  client_address: string;
  detail: string;
}

export interface OrganisationQuery {
  kind?: OrganisationKind;
  prefecture_code?: string;
  parent_id?: number;
  limit?: number;
}

export const listOrganisations = (query: OrganisationQuery, signal?: AbortSignal) =>
  request<{ organisations: Organisation[] }>('GET', '/api/v1/organisations', { query: { ...query }, signal }).then((a) => a.organisations);

// The organisations registered by `parentId` (the organisations and accounts screens).
export const registeredBy = (parentId: number, signal?: AbortSignal) => listOrganisations({ parent_id: parentId, limit: 500 }, signal);

export const createOrganisation = (body: NewOrganisation) => request<Organisation>('POST', '/api/v1/organisations', { body });

export const listAccounts = (organisationId: number, signal?: AbortSignal) =>
  request<{ accounts: AccountStatus[] }>('GET', `/api/v1/organisations/${organisationId}/accounts`, { signal }).then((a) => a.accounts);
export const issueAccount = (organisationId: number, body: NewAccount) => request<Issued>('POST', `/api/v1/organisations/${organisationId}/accounts`, { body });
export const unlockAccount = (accountId: number) => request<unknown>('POST', `/api/v1/accounts/${accountId}/unlock`);
export const resetAccount = (accountId: number) => request<Issued>('POST', `/api/v1/accounts/${accountId}/reset`);

export const auditEventPage = 100;
// The access log, newest first: a page before the record `before` (or the newest).
export const listAuditEvents = (before?: number, signal?: AbortSignal) =>
  request<{ events: AuditEvent[] }>('GET', '/api/v1/audit-events', { query: { limit: auditEventPage, before }, signal }).then((a) => a.events);

// Organisations, accounts and the access log (ORG-1, ORG-2, AUTH-3, ACL-7).
import { request, requestFile } from '../app/api';
import type { AuditEventType, AuditOutcome, AuditResourceType, OrganisationKind, Role } from '../app/codes';
import type { Account } from '../auth/api';

export interface Organisation {
  id: number;
  kind: OrganisationKind;
  code: string;
  name: string;
  address: string;
  parent_id: number | null;
  prefecture_code: string;
  municipality_code?: string;
  city_health_center: boolean;
  files_daily_reports: boolean;
  email: string;
  // Issue 14 item 1: whom to call, and whether it still signs in.
  phone: string;
  contact_person: string;
  retired: boolean;
  retired_at: string | null;
  version: number;
  public_health_institute?: boolean;
}

export interface NewOrganisation {
  kind: OrganisationKind;
  name: string;
  address: string;
  email: string;
  phone: string;
  contact_person: string;
  municipality_code?: string;
  city_health_center?: boolean;
  files_daily_reports?: boolean;
  public_health_institute?: boolean;
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
  type: AuditEventType;
  outcome: AuditOutcome;
  account_id: number | null;
  account_name: string | null;
  organisation_id: number | null;
  organisation_name: string | null;
  resource_type: AuditResourceType | '';
  resource_id: string;
  patient_id: string;
  client_address: string;
  request_id: string;
  detail: string;
}

// The access log's filters (GET /api/v1/audit-events and its CSV); '' is no filter.
export interface AuditFilter {
  from: string;
  to: string;
  event: AuditEventType | '';
  account_id: string;
  resource_type: AuditResourceType | '';
  outcome: AuditOutcome | '';
}

export interface AuditPage {
  events: AuditEvent[];
  total: number;
  offset: number;
  limit: number;
}

export interface OrganisationQuery {
  kind?: OrganisationKind;
  prefecture_code?: string;
  parent_id?: number;
  limit?: number;
  include_retired?: 'true';
}

// What the issuer may change of an organisation it registered, with the version it read.
export interface OrganisationEdit {
  name: string;
  address: string;
  email: string;
  phone: string;
  contact_person: string;
  // 市区町村コード; left out: unchanged (walk item 18).
  municipality_code?: string;
  files_daily_reports: boolean;
  public_health_institute?: boolean;
  version: number;
}

// A row of an account import (issue 14 item 3): as it would be (check) or as issued.
export interface ImportedAccount {
  row: number;
  id: number | null;
  organisation_id: number;
  organisation_code: string;
  organisation_name: string;
  login_id: string;
  display_name: string;
  role: Role;
  initial_password: string | null;
}

export const listOrganisations = (query: OrganisationQuery, signal?: AbortSignal) =>
  request<{ organisations: Organisation[] }>('GET', '/api/v1/organisations', { query: { ...query }, signal }).then((a) => a.organisations);

// The organisations registered by `parentId` (the organisations and accounts screens); retired
// ones only where asked (the issuer's list), never in a picker.
export const registeredBy = (parentId: number, signal?: AbortSignal, includeRetired = false) =>
  listOrganisations({ parent_id: parentId, limit: 500, ...(includeRetired ? { include_retired: 'true' as const } : {}) }, signal);

export const updateOrganisation = (id: number, body: OrganisationEdit) => request<Organisation>('PUT', `/api/v1/organisations/${id}`, { body });
export const setOrganisationRetired = (id: number, retired: boolean) =>
  request<Organisation>('POST', `/api/v1/organisations/${id}/${retired ? 'retire' : 'reinstate'}`);

// Accounts from a CSV (the text of the file), checked only or issued all together.
export const importAccounts = (csv: string, organisationId: number, issue: boolean) =>
  request<{ accounts: ImportedAccount[]; issued: boolean }>('POST', issue ? '/api/v1/accounts/import' : '/api/v1/accounts/import/check', {
    body: { csv, organisation_id: organisationId },
  });

export const createOrganisation = (body: NewOrganisation) => request<Organisation>('POST', '/api/v1/organisations', { body });

export const listAccounts = (organisationId: number, signal?: AbortSignal) =>
  request<{ accounts: AccountStatus[] }>('GET', `/api/v1/organisations/${organisationId}/accounts`, { signal }).then((a) => a.accounts);
export const issueAccount = (organisationId: number, body: NewAccount) => request<Issued>('POST', `/api/v1/organisations/${organisationId}/accounts`, { body });
export const unlockAccount = (accountId: number) => request<unknown>('POST', `/api/v1/accounts/${accountId}/unlock`);
export const resetAccount = (accountId: number) => request<Issued>('POST', `/api/v1/accounts/${accountId}/reset`);
// Disabling revokes the account's sessions and API tokens; enabling brings none back (issue 19 item 1).
export const setAccountDisabled = (accountId: number, disabled: boolean) =>
  request<AccountStatus>('POST', `/api/v1/accounts/${accountId}/${disabled ? 'disable' : 'enable'}`);
export interface ApiToken {
  id: number;
  name: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked: boolean;
}
export const listAccountTokens = (accountId: number, signal?: AbortSignal) =>
  request<{ tokens: ApiToken[] }>('GET', `/api/v1/accounts/${accountId}/tokens`, { signal }).then((a) => a.tokens);
export const revokeAccountToken = (accountId: number, tokenId: number) => request<unknown>('DELETE', `/api/v1/accounts/${accountId}/tokens/${tokenId}`);

export const auditEventPage = 50;

function filterQuery(filter: AuditFilter): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, v === '' ? undefined : v]));
}

// A page of the access log, newest first. `before` anchors the pages below the first page's
// newest record, so reading the log (which is itself logged) does not shift them.
export const listAuditEvents = (filter: AuditFilter, offset: number, before?: number, signal?: AbortSignal) =>
  request<AuditPage>('GET', '/api/v1/audit-events', { query: { ...filterQuery(filter), offset, limit: auditEventPage, before }, signal });

// The records of `filter` as CSV (UTF-8 with BOM, for Excel), saved as a download. The server
// records the export.
export async function downloadAuditEventsCsv(filter: AuditFilter): Promise<void> {
  const blob = await requestFile('/api/v1/audit-events.csv', filterQuery(filter));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `access-log-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

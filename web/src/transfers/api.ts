// 移管 (issue 14, ACL-5, REP-4) as the API shapes it: hand a case to another health center, the
// receiving health center's list and 受理.
import { request } from '../app/api';

export interface ReceivedTransfer {
  id: number;
  patient_id: number;
  hersys_id: string | null;
  // null when the health center may no longer read the case (handed on since)
  name: string | null;
  kana: string | null;
  from_health_center_id: number;
  from_health_center_name: string;
  transferred_by: string;
  reason: string | null;
  keep_related: boolean;
  transferred_at: string;
  received_at: string | null;
}

export interface ReceivedPage {
  items: ReceivedTransfer[];
  total: number;
  unread: number;
  page: number;
  page_size: number;
}

export interface TransferForm {
  to_health_center_id: number | undefined;
  keep_related: boolean;
  reason: string;
}

export interface HealthCenter {
  id: number;
  name: string;
  code: string;
  prefecture_code: string;
  public_health_institute?: boolean;
  retired?: boolean;
}

export const transferCase = (patientId: number, form: TransferForm, version: number) =>
  request<{ transfer_id: number }>('POST', `/api/v1/patients/${patientId}/transfer`, { body: { ...form, version } });
export const listReceived = (page: number, unread: boolean, signal?: AbortSignal) =>
  request<ReceivedPage>('GET', '/api/v1/transfers/received', { query: { page, unread: unread ? 'true' : 'false' }, signal });
export const receiveTransfer = (id: number) => request<unknown>('POST', `/api/v1/transfers/${id}/receive`);
// Every health center in the country (the directory, no personal data): a nurse picks by name,
// those of other prefectures too.
export const listHealthCenters = (signal?: AbortSignal) =>
  request<{ organisations: HealthCenter[] }>('GET', '/api/v1/organisations', { query: { kind: 'health_center', limit: 500 }, signal }).then((a) => a.organisations);

// A case at a glance (issue 14 item 1): every tab of the case opens under this header - name
// and kana, sex, age, phone (masked until asked), HER-SYS ID, 担当保健所 and 関係保健所,
// the reporting institution and 現在のステータス, and a slot for the observation period (a
// later issue). On a phone it stays compact (two columns of short facts) so the tabs remain on
// the first screen.
//
// The phone: the case's JSON already carries it (the ID管理 tab edits it) and reading the case
// is logged (case.read), so revealing it here is a matter of the screen - it is masked against
// a glance over the shoulder, shown on request.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, tokyoToday } from '../app/format';
import type { Case } from './api';
import { ageOn, label } from './model';
import './case-header.css';

// "090-1234-5678" → "090-****-5678": the first three and the last four digits shown.
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  let seen = 0;
  return phone.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= 3 || seen > digits - 4 ? digit : '*';
  });
}

export function CaseHeader({ kase, actions, observation }: { kase: Case; actions?: ReactNode; observation?: ReactNode }) {
  const { t } = useTranslation();
  const [showPhone, setShowPhone] = useState(false);
  const id = kase.identity;
  const age = ageOn(id.birth_date, tokyoToday());
  const related = kase.related_health_centers ?? [];
  return (
    <header className="case-header">
      <div className="case-header-title">
        <h1>
          {t('case.heading', { name: id.name || kase.hersys_id || '' })}
          {id.kana && <span className="case-header-kana">{id.kana}</span>}
        </h1>
        {actions && <div className="case-header-actions">{actions}</div>}
      </div>
      <p className="case-header-person">
        <span>{id.sex ? label(t, 'sex', id.sex) : '—'}</span>
        <span>{age === null ? '—' : t('case.header.age', { age })}</span>
        <span title={formatDate(id.birth_date)}>{formatDate(id.birth_date)}</span>
        {id.phone && (
          <span className="case-header-phone">
            <span className="visually-hidden">{t('field.phone')}</span>
            <span data-testid="case-phone">{showPhone ? id.phone : maskPhone(id.phone)}</span>
            <button type="button" className="case-header-reveal" aria-pressed={showPhone} onClick={() => setShowPhone(!showPhone)}>
              {showPhone ? t('case.header.phone_hide') : t('case.header.phone_show')}
              <span className="visually-hidden">{t('field.phone')}</span>
            </button>
          </span>
        )}
      </p>
      <dl className="case-header-facts">
        <div>
          <dt>{t('field.hersys_id')}</dt>
          <dd>{kase.hersys_id ?? t('case.no_hersys_id')}</dd>
        </div>
        <div>
          <dt>{t('field.status')}</dt>
          <dd>{kase.record.status ? label(t, 'status', kase.record.status) : t('code.status.none')}</dd>
        </div>
        <div>
          <dt>{t('field.responsible_health_center')}</dt>
          <dd>{kase.responsible_health_center_name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('case.header.related')}</dt>
          <dd>{related.length ? related.map((r) => r.name).join('、') : t('case.header.none')}</dd>
        </div>
        <div>
          <dt>{t('case.header.reporter')}</dt>
          <dd>{kase.reporting_institution?.name ?? '—'}</dd>
        </div>
        {observation && (
          <div>
            <dt>{t('case.header.observation')}</dt>
            <dd>{observation}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}

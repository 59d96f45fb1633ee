// Why the patient is or is not in the reporting scope (REP-3), as the server judges it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format';
import type { Scope } from './api';

// `children`: what the panel asks of the reviewer (the out-of-scope tick, issue 14 item 2).
export function ScopePanel({ scope, children }: { scope: Scope | null; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const state = !scope || !scope.decided ? 'undecided' : scope.in_scope ? 'in' : 'out';
  return (
    <section className={`scope ${state}`} aria-live="polite" aria-labelledby="scope-title">
      <h2 id="scope-title">{t('report.scope_title')}</h2>
      <p>
        <strong>{t(`report.scope_${state}`)}</strong>
      </p>
      {scope && scope.reasons.length > 0 && (
        <ul>
          {scope.reasons.map((r, i) => (
            <li key={i}>{i18n.language === 'en' ? r.en : r.ja}</li>
          ))}
        </ul>
      )}
      {scope?.rule_effective_from && <p className="hint">{t('report.scope_rule', { date: formatDate(scope.rule_effective_from) })}</p>}
      {children}
    </section>
  );
}

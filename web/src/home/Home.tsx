// The top page (新規登録画面) as the seeds show it: one button per task the role has.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Capabilities, Me } from '../auth/api';
import type { WorkbenchCountKind } from '../app/codes';
import { menuOf } from '../app/menu';
import { useSession } from '../app/session';
import { useResource } from '../app/useResource';
import { readWorkbench } from '../inbox/api';

// Where each of the top page's numbers leads (issue 14 item 1): its list. A kind added by a
// later feature gets its link here (the type makes a missing one not compile).
const countLinks: Record<WorkbenchCountKind, (me: Me) => string> = {
  reports_to_confirm: () => '/inbox',
  reports_to_check: () => '/inbox',
  transfers_to_receive: () => '/transfers',
  cases_without_status: (me) => (me.organisation.kind === 'health_center' ? `/cases?status=none&health_center_id=${me.organisation.id}` : '/cases?status=none'),
  daily_reports_missing: () => '/daily/area',
  drafts: () => '/reports/drafts',
  daily_report_due: () => '/daily',
};

// The day's numbers, read each time the top page opens (never cached): each opens its list.
function Counts({ me }: { me: Me & { may: Capabilities } }) {
  const { t } = useTranslation();
  const counts = useResource((signal) => readWorkbench(signal), []);
  const list = counts.data?.counts ?? [];
  if (list.length === 0) return null;
  return (
    <section className="counts" aria-labelledby="counts-title">
      <h2 id="counts-title">{t('home.counts')}</h2>
      <ul className="count-list">
        {list.map((c) => (
          <li key={c.kind}>
            <Link className={`count ${c.count > 0 ? 'waiting' : ''}`} to={countLinks[c.kind]?.(me) ?? '/'}>
              <span className="count-number">{c.capped ? t('home.count_capped', { count: c.count }) : c.count}</span>
              <span className="count-label">{t(`home.count.${c.kind}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

// "保健所 新宿区保健所" says the kind twice, "厚生労働省 厚生労働省" the name (issue 19 item 26):
// the kind is put before the name only when the name does not already say it.
export function withKind(kind: string, name: string): string {
  return name.includes(kind) ? name : `${kind} ${name}`;
}

export function Home() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: me.account.display_name, organisation: withKind(t(`org.${me.organisation.kind}`), me.organisation.name) })}</p>
      <Counts me={me} />
      <ul className="tasks">
        {menuOf(me.may).map((item) => (
          <li key={item.to}>
            <Link className="task" to={item.to}>
              <span className="task-title">{t(item.key)}</span>
              <span className="task-help">{t(item.help ?? `${item.key}.help`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

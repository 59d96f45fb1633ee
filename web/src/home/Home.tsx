// The top page (新規登録画面) as the seeds show it: one button per task the role has.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { menuOf } from '../app/menu';
import { useSession } from '../app/session';

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

// One printed handout of a new account (ORG-2): where to sign in, the login id and the initial
// password (shown this once), and what to do first. The issue screen prints one, the import
// screen one per account.
import { useTranslation } from 'react-i18next';

export function HandoutSheet({ holder, loginId, initialPassword }: { holder: string; loginId: string; initialPassword: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('admin.handout_title')}</h1>
      <p>{holder}</p>
      <table>
        <tbody>
          <tr>
            <th scope="row">{t('admin.handout_address')}</th>
            <td>{window.location.origin}/</td>
          </tr>
          <tr>
            <th scope="row">{t('account.login_id')}</th>
            <td><span className="once">{loginId}</span></td>
          </tr>
          <tr>
            <th scope="row">{t('admin.initial_password')}</th>
            <td><span className="once">{initialPassword}</span></td>
          </tr>
        </tbody>
      </table>
      <ol>
        <li>{t('admin.handout_step1')}</li>
        <li>{t('admin.handout_step2')}</li>
        <li>{t('admin.handout_step3')}</li>
      </ol>
      <p>{t('admin.handout_keep')}</p>
    </>
  );
}

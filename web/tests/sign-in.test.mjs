// Sign-in (AUTH-1..4) and account administration in a real browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScreen, openPage, sentCodes, signIn, serverAndBrowser, totp } from './harness.mjs';

const env = serverAndBrowser();

test('sign-in with password and authenticator code shows the top page by role (AUTH-2)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-clinic', { screens: true });
  for (const task of ['日次報告の提出', '新たに発生届を提出', '発生届の提出前に使用', '閲覧・編集', 'アカウント管理']) {
    await page.getByRole('link', { name: new RegExp(task) }).first().waitFor();
  }
  assert.equal(await page.getByRole('link', { name: /日次報告の集計/ }).count(), 0, 'a clinic has no area view');
  await checkScreen(page, 'home-clinic');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Top page' }).waitFor();
  await page.getByRole('button', { name: '日本語' }).click();
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByRole('heading', { name: 'サインイン' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'サインイン' }).waitFor();
  assert.deepEqual(page.consoleErrors, []);
});

// A stranger's wrong passwords get one answer whether or not the login id exists or is locked
// (issue 19 item 3); after a few the attempts are slowed down for that login id (429 with
// Retry-After, item 2), and nothing says the account is locked.
test('wrong passwords: field errors, one answer, then the attempts are slowed down (AUTH-3)', async () => {
  const page = await openPage(env.browser, env.server);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('alert').first().waitFor();
  await checkScreen(page, 'sign-in-errors');
  await page.getByLabel('ログインID').fill('demo-clinic2');
  const answers = [];
  for (let i = 0; i < 6 && !answers.at(-1)?.includes('多すぎます'); i++) {
    await page.getByLabel(/^パスワード/).fill(`wrong password ${i}`);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in')), page.getByRole('button', { name: 'サインイン' }).click()]);
    answers.push(await page.getByRole('alert').first().innerText());
  }
  assert.match(answers.at(-1), /試行が多すぎます/);
  assert.equal(new Set(answers.slice(0, -1)).size, 1, 'every wrong password gets the same answer');
  assert.doesNotMatch(answers.join('\n'), /ロック/);
  await checkScreen(page, 'sign-in-throttled');
  assert.deepEqual(page.errors, []);
});

// The administrator issues an account; its holder signs in with the initial password and
// changes it (a too-short one is refused first), arriving at the second-factor enrolment.
async function issueAndChangePassword(adminLogin, screens) {
  const admin = await openPage(env.browser, env.server);
  await signIn(admin, env.server, adminLogin);
  await admin.getByRole('link', { name: 'アカウント管理' }).first().click();
  await admin.getByLabel('氏名または部署名').fill('新人 事務');
  await admin.getByRole('button', { name: '発行する' }).click();
  const login = await admin.getByTestId('issued-login').innerText();
  const initial = await admin.getByTestId('issued-password').innerText();
  if (screens) await checkScreen(admin, 'accounts-issued');
  await admin.getByRole('button', { name: '閉じる' }).click();
  await admin.getByRole('cell', { name: login, exact: true }).waitFor();
  if (screens) {
    await checkScreen(admin, 'accounts');
    await admin.getByRole('link', { name: 'アクセスログ' }).first().click();
    await admin.getByRole('cell', { name: /account/ }).first().waitFor();
    await checkScreen(admin, 'access-log');
  }

  const page = await openPage(env.browser, env.server);
  await page.getByLabel('ログインID').fill(login);
  await page.getByLabel(/^パスワード/).fill(initial);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
  await page.getByLabel(/^新しいパスワード必須/).fill('short');
  await page.getByLabel('新しいパスワード（確認）').fill('short');
  await page.getByRole('button', { name: '変更する' }).click();
  await page.locator('.field.has-error').first().waitFor();
  if (screens) await checkScreen(page, 'password-change-error');
  await page.getByLabel(/^新しいパスワード必須/).fill(kNewPassword);
  await page.getByLabel('新しいパスワード（確認）').fill(kNewPassword);
  await page.getByRole('button', { name: '変更する' }).click();
  await page.getByRole('heading', { name: '2段階認証の登録' }).waitFor();
  return { admin, page, login };
}
const kNewPassword = 'correct horse battery staple';

test('an issued account changes its initial password and sets up the authenticator (AUTH-1, ORG-2)', async () => {
  const { admin, page } = await issueAndChangePassword('demo-hospital', true);
  const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
  await checkScreen(page, 'second-factor-enrolment');
  await page.getByLabel('確認コード（6桁）').fill(totp(secret));
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByRole('heading', { name: 'トップ' }).waitFor();
  assert.deepEqual([...admin.errors, ...page.errors], []);
});

test('an issued account registers a phone (code by SMS, then re-sent) and signs in with an SMS code (AUTH-2)', async () => {
  const { admin, page, login } = await issueAndChangePassword('demo-followup');
  await page.getByRole('button', { name: '電話（SMS・音声）' }).click();
  await page.getByLabel(/^電話番号/).fill('03-1234-5678');
  await page.getByRole('button', { name: 'コードを送る' }).click();
  await page.locator('.field.has-error').first().waitFor(); // SMS needs a mobile number
  await page.getByLabel(/^電話番号/).fill('090-1234-5678');
  await page.getByRole('button', { name: 'コードを送る' }).click();
  await page.getByText(/に確認コードを送りました/).waitFor();
  const before = sentCodes(env.server).length;
  await page.getByRole('button', { name: 'コードを再送する' }).click();
  await page.getByText('確認コードを再送しました。').waitFor();
  const codes = sentCodes(env.server);
  assert.equal(codes.length, before + 1, 'the re-send queued one more code');
  await checkScreen(page, 'phone-enrolment-code');
  await page.getByLabel('確認コード（6桁）').fill(codes[0]);
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByRole('heading', { name: 'トップ' }).waitFor();

  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByLabel('ログインID').fill(login);
  await page.getByLabel(/^パスワード/).fill(kNewPassword);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: '確認コードの入力' }).waitFor();
  await page.getByRole('button', { name: /にSMSで送る/ }).click();
  await page.getByText(/に確認コードを送りました/).waitFor();
  await checkScreen(page, 'sign-in-sms-code');
  await page.getByLabel('確認コード（6桁）').fill(sentCodes(env.server)[0]);
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByRole('heading', { name: 'トップ' }).waitFor();
  assert.deepEqual([...admin.errors, ...page.errors], []);
});

test('an expired session asks for the sign-in again and keeps what was typed (AUTH-4)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-hiratsuka');
  await page.getByRole('link', { name: '新たに発生届を提出' }).first().click();
  await page.getByLabel(/^氏名/).fill('途中 保存');
  await page.getByLabel(/^住所（住民票）/).fill('神奈川県平塚市浅間町9-1');
  // The server no longer knows the session (as after 30 idle minutes): the cookie is gone.
  await page.context().clearCookies();
  await page.getByRole('button', { name: '確認' }).click();
  const dialog = page.getByRole('dialog', { name: 'セッションの有効期限が切れました' });
  await dialog.waitFor();
  await checkScreen(page, 'session-expired');
  const { password, secret } = env.server.accounts['demo-hc-hiratsuka'];
  await dialog.getByLabel(/^パスワード/).fill(password);
  await dialog.getByRole('button', { name: 'サインイン' }).click();
  await dialog.getByLabel('確認コード（6桁）').fill(totp(secret));
  await dialog.getByRole('button', { name: '確認する' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The review went on with the same form: its errors are shown and nothing typed was lost.
  await page.getByText(/件の入力エラーがあります/).waitFor();
  assert.equal(await page.getByLabel(/^氏名/).inputValue(), '途中 保存');
  assert.equal(await page.getByLabel(/^住所（住民票）/).inputValue(), '神奈川県平塚市浅間町9-1');
  assert.deepEqual(page.errors, []);
});

test('English, and a tablet-width screen (PC 1280 px down to 768 px)', async () => {
  const page = await openPage(env.browser, env.server, { viewport: { width: 768, height: 1024 } });
  await signIn(page, env.server, 'demo-hc-shinjuku');
  // A tablet has the compact header: the language is in the menu (issue 19 item 27).
  await page.getByRole('button', { name: 'メニュー' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'File a new occurrence report' }).first().click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByText(/\d+ (fields need|field needs) attention/).waitFor();
  assert.match(await page.locator('.error-summary').innerText(), /This field is required|Enter/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 768 px (${overflow} px too wide)`);
  await checkScreen(page, 'report-errors-en-tablet');
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: '日本語' }).click();
  assert.deepEqual(page.errors, []);
});

test('a health center registers a clinic and issues its first account (ORG-2)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-tama');
  await page.getByRole('link', { name: '機関の登録' }).first().click();
  await page.getByRole('button', { name: '登録する' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /機関名/, 'the summary names the fields of this form');
  await checkScreen(page, 'organisations-errors');
  await page.getByLabel(/^機関名/).fill('府中けやき通り診療所');
  await page.getByLabel(/^連絡先メールアドレス/).fill('info@keyaki.example.jp');
  await page.getByLabel(/^所在地/).fill('東京都府中市府中町1-1-1');
  await page.getByLabel(/^電話番号/).fill('042-360-1111'); // issue 14 item 1
  await page.getByLabel(/^担当者/).fill('事務長');
  await page.getByRole('button', { name: '登録する' }).click();
  const created = page.getByRole('status');
  await created.getByText(/府中けやき通り診療所（MI13-\d{5}）を登録しました/).waitFor();
  await page.getByRole('cell', { name: '府中けやき通り診療所', exact: true }).waitFor();
  await checkScreen(page, 'organisations');
  await created.getByRole('link', { name: '続けてアカウントを発行' }).click();
  await page.getByRole('heading', { name: 'アカウント管理' }).waitFor();
  await page.getByLabel('機関').locator('option:checked', { hasText: '府中けやき通り診療所' }).waitFor({ state: 'attached' });
  await page.getByLabel(/^氏名または部署名/).fill('受付');
  await page.getByRole('button', { name: '発行する' }).click();
  await page.getByTestId('issued-password').waitFor();
  assert.deepEqual(page.errors, []);
});

// Moves the focus with Tab until the focused element's name matches: it must be reachable.
async function tabTo(page, name) {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return '';
      return (e?.getAttribute('aria-label') || e?.labels?.[0]?.innerText || e?.innerText || '').trim();
    });
    if (name.test(focused)) return;
  }
  assert.fail(`${name} cannot be reached with Tab`);
}

test('keyboard only: sign in, open the report form, and go from the error summary to the field', async () => {
  const page = await openPage(env.browser, env.server);
  const { password, secret } = env.server.accounts['demo-clinic'];
  await tabTo(page, /^ログインID/);
  await page.keyboard.type('demo-clinic');
  await tabTo(page, /^パスワード/);
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '確認コードの入力' }).waitFor();
  await tabTo(page, /^確認コード/);
  await page.keyboard.type(totp(secret));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'トップ' }).waitFor();
  await tabTo(page, /^新たに発生届を提出/);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineWidth);
  assert.notEqual(outline, '0px', 'the focus is visible');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '発生届の新規登録' }).waitFor();
  await tabTo(page, /^確認$/);
  await page.keyboard.press('Enter');
  await page.locator('.error-summary').waitFor();
  await tabTo(page, /入力してください。|選んでください。/);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-invalid')), 'true', 'the summary moved the focus to a field in error');
  assert.deepEqual(page.errors, []);
});

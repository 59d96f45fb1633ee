// The answer to an action is seen where the action was (issue 14 item 3): pressing 確認 far
// down the report form moves the focus to the error summary, scrolled into view; registering an
// institution on a phone, far below its success message, brings the message into view. At
// 1280 px and 390 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScreen, menuLink, openPage, phone, signIn, serverAndBrowser, totp } from './harness.mjs';

const env = serverAndBrowser();

// Whether the element is within the window, and whether it (or something in it) has the focus.
const seen = (locator) =>
  locator.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { inView: r.top < window.innerHeight && r.bottom > 0, focused: e.contains(document.activeElement) };
  });

for (const [width, login] of [[1280, 'demo-clinic'], [390, 'demo-clinic2']]) {
  test(`確認 at the bottom of the form shows and focuses the error summary (issue 14 item 3, ${width} px)`, async () => {
    const page = await openPage(env.browser, env.server, { viewport: width < 600 ? phone : { width, height: 900 } });
    await signIn(page, env.server, login);
    await page.getByRole('main').getByRole('link', { name: '新たに発生届を提出' }).click();
    await page.getByRole('heading', { name: '発生届の新規登録' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('button', { name: '確認' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    assert.deepEqual(await seen(summary), { inView: true, focused: true });
    await checkScreen(page, `feedback-errors-${width}`);
  });
}

test('a success far above the button is brought into view on a phone (issue 14 item 3)', async () => {
  const page = await openPage(env.browser, env.server, { viewport: phone });
  await signIn(page, env.server, 'demo-hc-tama');
  await menuLink(page, '機関の登録');
  await page.getByRole('heading', { name: '新しい機関を登録' }).waitFor();
  await page.getByLabel('機関名').fill('府中けやき通りクリニック');
  await page.getByLabel('連絡先メールアドレス').fill('keyaki@example.jp');
  await page.getByLabel('所在地').fill('東京都府中市宮西町1-1');
  await page.getByLabel('電話番号').fill('042-360-5678');
  await page.getByLabel('担当者').fill('事務長 けやき');
  await page.getByRole('button', { name: '登録する' }).click();
  const message = page.getByText(/府中けやき通りクリニック（MI13-\d+）を登録しました/);
  await message.waitFor();
  await page.waitForFunction(() => {
    const e = document.querySelector('.alert-success');
    if (!e) return false;
    const r = e.getBoundingClientRect();
    return r.top < window.innerHeight && r.bottom > 0;
  });
  assert.equal((await seen(page.locator('.alert-success'))).inView, true);
  await checkScreen(page, 'feedback-registered-390');
  assert.deepEqual(page.errors, []);
});

// issue 14 item 9: the code typed in full-width digits (an input method left on) signs in.
test('a full-width sign-in code is read as its digits (issue 14 item 9)', async () => {
  const page = await openPage(env.browser, env.server, { viewport: phone });
  const { password, secret } = env.server.accounts['demo-hc-shinjuku'];
  await page.getByLabel('ログインID').fill('demo-hc-shinjuku');
  await page.getByLabel(/^パスワード/).fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: '確認コードの入力' }).waitFor();
  const wide = totp(secret).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  await page.getByLabel('確認コード（6桁）').fill(wide);
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByRole('heading', { name: 'トップ' }).waitFor();
  assert.deepEqual(page.errors, []);
});

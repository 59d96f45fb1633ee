// The issuer's account controls (issue 19 item 1): an account's API tokens listed (never the
// secret) and revoked, and the account disabled and enabled again, at 1280 px and 390 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScreen, menuLink, openPage, signIn, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();

test('the issuer lists an account’s API tokens and disables and enables the account (issue 19 item 1)', async () => {
  for (const [width, login] of [[1280, 'demo-hc-tama'], [390, 'demo-hc-shinjuku']]) {
    const page = await openPage(env.browser, env.server, { viewport: { width, height: width < 600 ? 844 : 900 } });
    await signIn(page, env.server, login);
    await menuLink(page, 'アカウント管理');
    await page.getByRole('heading', { name: 'アカウント管理' }).waitFor();
    // The clinics it registered are listed under their organisation.
    const organisation = page.getByLabel('機関');
    const clinic = (await organisation.locator('option').allInnerTexts()).find((o) => /クリニック/.test(o));
    assert.ok(clinic, 'a registered clinic is offered');
    await organisation.selectOption({ label: clinic });
    const row = page.locator('tbody tr').filter({ hasText: /demo-clinic/ }).first();
    await row.waitFor();
    const login_id = (await row.locator('td').first().innerText()).trim();
    await row.getByRole('button', { name: `${login_id} のAPIトークン` }).click();
    await page.getByRole('dialog').getByText('APIトークンはありません。').waitFor();
    await checkScreen(page, `accounts-tokens-${width}`);
    await page.getByRole('dialog').getByRole('button', { name: '閉じる' }).click();
    await row.getByRole('button', { name: `${login_id} を利用停止` }).click();
    await row.getByRole('button', { name: `${login_id} の利用再開` }).waitFor();
    assert.match(await row.innerText(), /停止/);
    await checkScreen(page, `accounts-disabled-${width}`);
    await row.getByRole('button', { name: `${login_id} の利用再開` }).click();
    await row.getByRole('button', { name: `${login_id} を利用停止` }).waitFor();
    assert.deepEqual(page.errors, []);
  }
});

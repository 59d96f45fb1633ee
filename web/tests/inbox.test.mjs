// The health center's day starts with its numbers (issue 14 items 1, 2, 6; REP-5): the demo
// health center sees the new reports on its top page, opens the inbox, reads a report beside
// the list (a separate view on a phone), confirms two at once and sees the number drop; the
// same in English. Every screen at 1280 px and 390 px (checkScreen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScreen, menuLink, openPage, phone, signIn, serverAndBrowser, totp } from './harness.mjs';

const env = serverAndBrowser();

const waiting = async (page, label) => Number(await page.getByRole('link', { name: label }).locator('.count-number').innerText());

test('the health center sees its new reports on the top page and confirms two at once (REP-5)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-tama');
  const count = page.getByRole('link', { name: /保健所確認待ちの発生届/ });
  await count.waitFor();
  const before = await waiting(page, /保健所確認待ちの発生届/);
  assert.ok(before >= 3, `the demo leaves 3 new reports at least (${before})`);
  await page.getByRole('link', { name: /現在のステータスが未入力の患者/ }).first().waitFor();
  await page.getByRole('link', { name: /本日の日次報告が未提出の医療機関/ }).waitFor();
  await checkScreen(page, 'inbox-home');

  await count.click();
  await page.getByRole('heading', { name: '確認待ちの発生届' }).waitFor();
  const rows = page.locator('table.inbox-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), before);
  assert.match(await page.locator('.inbox-total').innerText(), new RegExp(`${before}件`));
  assert.match(await rows.first().innerText(), /府中駅前内科クリニック/, 'the reporting institution');
  await checkScreen(page, 'inbox-list');

  // The report beside the list.
  const first = rows.first().getByRole('rowheader').getByRole('button');
  const name = await first.innerText();
  await first.click();
  const panel = page.getByRole('region', { name: '発生届の内容' });
  await panel.locator('table.report-table').waitFor();
  assert.match(await panel.innerText(), new RegExp(name.replace(/\s+/g, '\\s*')));
  assert.ok(await page.locator('.inbox-list').isVisible(), 'the list stays beside the report at 1280 px');
  await checkScreen(page, 'inbox-report');

  // Two at once.
  await page.getByRole('checkbox', { name: /を選択$/ }).nth(0).check();
  await page.getByRole('checkbox', { name: /を選択$/ }).nth(1).check();
  await page.getByRole('button', { name: '選択した2件を保健所確認済にする' }).click();
  await page.getByText('2件を保健所確認済にしました。').waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('table.inbox-table tbody tr').length === n, before - 2);
  await checkScreen(page, 'inbox-confirmed');

  // The confirmed list shows who confirmed; the top page's number dropped by two.
  await page.getByRole('button', { name: '確認済', exact: true }).click();
  await page.locator('table.inbox-table tbody tr').first().waitFor();
  await page.locator('table.inbox-table tbody tr').first().getByRole('rowheader').getByRole('button').click();
  await panel.getByText(/保健所確認：/).waitFor();
  await menuLink(page, 'トップ');
  await page.getByRole('heading', { name: 'トップ' }).waitFor();
  await page.waitForFunction((n) => document.querySelector('.count-number')?.textContent === String(n), before - 2);
  assert.equal(await waiting(page, /保健所確認待ちの発生届/), before - 2);
  assert.deepEqual(page.errors, []);
});

test('on a phone the report opens as its own view, with a way back; in English too (issue 14 item 2)', async () => {
  const page = await openPage(env.browser, env.server, { viewport: phone });
  await page.getByRole('button', { name: 'English' }).click();
  const { password, secret } = env.server.accounts['demo-hc-tama'];
  await page.getByLabel('Login ID').fill('demo-hc-tama');
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code (6 digits)').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Top page' }).waitFor();
  await page.getByRole('link', { name: /New reports to confirm/ }).waitFor();
  await checkScreen(page, 'inbox-home-en');
  await menuLink(page, 'Reports to confirm');
  await page.getByRole('heading', { name: 'Reports to confirm' }).waitFor();
  const rows = page.locator('table.inbox-table tbody tr');
  await rows.first().waitFor();
  await checkScreen(page, 'inbox-list-en');
  await rows.first().getByRole('rowheader').getByRole('button').click();
  const panel = page.getByRole('region', { name: 'The report' });
  await panel.locator('table.report-table').waitFor();
  assert.equal(await page.locator('.inbox-list').isVisible(), false, 'on a phone the report replaces the list');
  await checkScreen(page, 'inbox-report-en');
  await page.getByRole('button', { name: 'Back to the list' }).click();
  await rows.first().waitFor();
  assert.deepEqual(page.errors, []);
});

// The health center's day starts with its numbers (issue 14 items 1, 2, 6; REP-5): the demo
// health center sees the new reports on its top page, opens the inbox, reads a report beside
// the list (a separate view on a phone), confirms two at once and sees the number drop; the
// same in English. Every screen at 1280 px and 390 px (checkScreen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScreen, menuLink, openPage, phone, signIn, serverAndBrowser, totp } from './harness.mjs';

const env = serverAndBrowser();

const waiting = async (page, label) => Number(await page.getByRole('link', { name: label }).locator('.count-number').innerText());

// The Tama nurse's page, signed in once (one TOTP sign-in of an account per 30 s).
let tama;

test('the health center sees its new reports on the top page and confirms two at once (REP-5)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-tama');
  tama = page;
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
  // issue 14 item 16: at 1280 px with nothing chosen, names and classes are not broken.
  for (const cell of await page.locator('table.inbox-table tbody th[scope="row"], table.inbox-table tbody td.inbox-class').all()) {
    const lines = await cell.evaluate((e) => {
      const range = document.createRange();
      const tops = new Set();
      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        range.selectNodeContents(walker.currentNode);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
      }
      return tops.size;
    });
    assert.ok(lines <= 1 || (await cell.innerText()).length > 6, `${await cell.innerText()} on ${lines} lines`);
  }
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

// issue 14 items 4 and 6 (REP-5): on a phone each card's check box names its report (not the
// column's "select all"); a double click on the bulk button confirms once and says so without a
// false failure, the report beside the list is read again (no stale 保健所確認済にする), and the
// message goes when the list is switched.
test('each card names its report; a double click confirms once and the panel follows (issue 14 items 4, 6)', async () => {
  const page = tama;
  page.errors.length = 0;
  await menuLink(page, '確認待ちの発生届');
  await page.getByRole('heading', { name: '確認待ちの発生届' }).waitFor();
  const rows = page.locator('table.inbox-table tbody tr');
  await rows.first().waitFor();

  // Item 6, at 390 px: one accessible name per card, the patient's; no "すべて選択" in a card.
  await page.setViewportSize(phone);
  const boxes = page.locator('table.inbox-table tbody input[type="checkbox"]');
  const names = [];
  for (let i = 0; i < (await boxes.count()); i++) names.push(await boxes.nth(i).evaluate((e) => e.getAttribute('aria-label')));
  assert.ok(names.length >= 1);
  for (const n of names) assert.match(n, /.+を選択$/);
  const patients = await rows.getByRole('rowheader').allInnerTexts();
  patients.forEach((p, i) => assert.equal(names[i], `${p.trim()}を選択`));
  const cardLabels = await page.locator('table.inbox-table tbody td[data-label]').evaluateAll((cells) => cells.map((c) => c.dataset.label));
  assert.ok(!cardLabels.includes('すべて選択'), 'a card does not say "select all"');
  await checkScreen(page, 'inbox-cards-named');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Item 4: the report open beside the list, ticked, confirmed with a double click.
  const first = rows.first().getByRole('rowheader').getByRole('button');
  const name = (await first.innerText()).trim();
  await first.click();
  const panel = page.getByRole('region', { name: '発生届の内容' });
  await panel.getByRole('button', { name: '保健所確認済にする' }).waitFor();
  await page.getByRole('checkbox', { name: `${name}を選択` }).check();
  let requests = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/reports/confirm') && r.method() === 'POST') requests++;
  });
  await page.getByRole('button', { name: /^選択した1件を保健所確認済にする$/ }).dblclick();
  await page.getByText('1件を保健所確認済にしました。').waitFor();
  assert.equal(requests, 1, 'one request for a double click');
  assert.equal(await page.locator('.alert-error').count(), 0, 'no false failure');
  await panel.getByText(/保健所確認：/).waitFor();
  assert.equal(await panel.getByRole('button', { name: '保健所確認済にする' }).count(), 0, 'the panel is read again');
  await checkScreen(page, 'inbox-double-click');
  // Another list: the message was about the previous one.
  await page.getByRole('button', { name: '確認済', exact: true }).click();
  await page.locator('table.inbox-table tbody tr').first().waitFor();
  assert.equal(await page.getByText('1件を保健所確認済にしました。').count(), 0);
  assert.deepEqual(page.errors, []);
});

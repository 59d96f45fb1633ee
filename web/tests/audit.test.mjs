// The access log and a case's change history in a real browser (issue 19 item 24, ACL-7):
// events and kinds of record in Japanese, accounts and organisations by name, filters as a
// form, paging with a total, the CSV download (itself logged as an export); the history with
// who and before → after per field. Both at 1280 px and as cards at 390 px, without sideways
// scrolling. Screenshots in web/test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkScreen, noSidewaysScroll, openPage, signIn, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();
const phone = { width: 390, height: 844 };

test('the access log names events, accounts and organisations, filters, pages and exports CSV (issue 19 item 24)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-tama');
  await page.goto(`${env.server.url}/admin/access-log`);
  await page.getByRole('heading', { name: 'アクセスログ' }).waitFor();
  const table = page.locator('table.log-table');
  await table.waitFor();
  const text = await table.innerText();
  assert.match(text, /サインイン/, 'events in Japanese');
  assert.match(text, /感染症対策係/, 'the account by name');
  assert.match(text, /東京都多摩府中保健所/, 'the organisation by name');
  assert.match(await page.locator('.log-count').innerText(), /\d+件中 1〜\d+件目/);
  // Columns are readable: none narrower than a few characters.
  const widths = await table.locator('thead th').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
  assert.ok(Math.min(...widths) >= 60, `column widths ${widths}`);
  await noSidewaysScroll(page, 'access log at 1280 px');
  await checkScreen(page, 'access-log');

  // Filters as a form: only the sign-ins.
  await page.getByLabel('イベント').selectOption('auth.sign-in');
  await page.getByLabel('結果').selectOption('success');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await page.locator('.log-count').filter({ hasText: /^1件中 1〜1件目$/ }).waitFor();
  assert.equal(await table.locator('tbody tr').count(), 1);
  await checkScreen(page, 'access-log-filtered');

  // The CSV of the same filter, with a BOM and Japanese headings; the download is logged.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVをダウンロード' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF番号,日時（日本時間）'), csv.slice(0, 40));
  assert.match(csv, /,サインイン,auth\.sign-in,成功,/);
  assert.equal(csv.trim().split('\r\n').length, 2, 'the header and the one sign-in');
  await page.getByRole('button', { name: '条件をクリア' }).click();
  await page.getByLabel('イベント').selectOption('audit.export');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await page.locator('.log-count').filter({ hasText: /^1件中/ }).waitFor();
  assert.match(await table.innerText(), /アクセスログのCSV出力/);

  // Paging: every record, 50 a page.
  await page.getByRole('button', { name: '条件をクリア' }).click();
  const count = await page.locator('.log-count').innerText();
  const total = Number(/^([\d,]+)件中/.exec(count)[1].replace(/,/g, ''));
  if (total > 50) {
    await page.getByRole('button', { name: '次へ' }).click();
    await page.locator('.log-count').filter({ hasText: /件中 51〜/ }).waitFor();
  }
  assert.deepEqual(page.errors, []);
});

test('the access log is cards on a phone (issue 19 item 24, item 27)', async () => {
  const page = await openPage(env.browser, env.server, { viewport: phone });
  await signIn(page, env.server, 'demo-clinic');
  await page.goto(`${env.server.url}/admin/access-log`);
  const row = page.locator('table.log-table tbody tr').first();
  await row.waitFor();
  const box = await row.boundingBox();
  assert.ok(box.width > 300, `a card as wide as the screen (${box.width} px)`);
  const cell = await row.locator('td').first().boundingBox();
  assert.ok(cell.width > 250, `a field of a card is not squeezed (${cell.width} px)`);
  await noSidewaysScroll(page, 'access log at 390 px');
  await checkScreen(page, 'access-log-390');
  assert.deepEqual(page.errors, []);
});

test('the change history shows who and before → after per field (issue 19 item 24)', async () => {
  for (const [viewport, name] of [[undefined, 'case-history'], [phone, 'case-history-390']]) {
    const page = await openPage(env.browser, env.server, viewport ? { viewport } : {});
    await signIn(page, env.server, name === 'case-history' ? 'demo-hc-tama' : 'demo-hc-shinjuku');
    // A case of the health center, its record changed once through the API.
    const id = await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token };
      const found = await (await fetch('/api/v1/patients/search', { method: 'POST', headers, body: '{}' })).json();
      const patient = found.patients[0].id;
      const kase = await (await fetch(`/api/v1/patients/${patient}`)).json();
      // issue 14: a status change is an entry of the 記録 log; the current status moves with it.
      const status = kase.record.status === 'unknown' ? 'home' : 'unknown';
      const r = await fetch(`/api/v1/patients/${patient}/record`, { method: 'POST', headers, body: JSON.stringify({ kind: 'status', status, note: '電話で経過を確認' }) });
      if (!r.ok) throw new Error(`record: ${r.status} ${await r.text()}`);
      return patient;
    });
    await page.goto(`${env.server.url}/cases/${id}`);
    await page.getByRole('tab', { name: '変更履歴' }).click();
    const table = page.locator('table.history-table');
    await table.waitFor();
    const newest = table.locator('tbody tr').first();
    const text = await newest.innerText();
    assert.match(text, /記録（現在のステータス）の変更/, text);
    assert.match(text, /保健/, 'who: the account and its organisation');
    assert.match(text, /現在のステータス/, 'the field by its label');
    assert.match(text, /不明|自宅療養中/, 'the value after');
    assert.match(await page.locator('.log-count').innerText(), /件中 1〜/);
    await noSidewaysScroll(page, name);
    await checkScreen(page, name);
    assert.deepEqual(page.errors, []);
  }
});

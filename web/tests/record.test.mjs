// 記録 as a dated log and 医療 (issue 14, CASE-4, CASE-5) in a real browser: the health
// center's nurse adds yesterday's note and today's status change, sees both in the log in
// order with her name and organisation, 現在のステータス follows; 死亡 asks for the date and the
// place; the 医療 tab shows the report's symptoms and the severity. Each screen at 1280 px and
// 390 px (checkScreen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScreen, openPage, signIn, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
const daysAgo = (n) => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};
// 2026-11-20 as the screens show it (2026/11/20).
const shown = (iso) => iso.replaceAll('-', '/');

test('the nurse adds a dated note and a status change; the log shows both in order and 現在のステータス follows (CASE-5)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-tama');
  // A case of the demo with a log (the demo's course of care ends in hospital).
  await page.goto(`${env.server.url}/cases?status=hospital`);
  await page.locator('table tbody tr').first().getByRole('link').click();
  await page.getByRole('tab', { name: '記録' }).click();
  await page.waitForURL(/\/record$/);
  // The demo case has a log already.
  const rows = page.locator('table.record-log tbody tr');
  await rows.first().waitFor();
  await checkScreen(page, 'case-record-log');

  // Yesterday's telephone call, written today.
  const yesterday = daysAgo(1);
  await page.getByLabel('日付（いつの出来事か）（年）', { exact: true }).fill(yesterday);
  await page.locator('#f-note').fill('昨日、電話で体調を確認。発熱なし。');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await rows.filter({ hasText: '昨日、電話で体調を確認' }).waitFor();

  // Today's status change.
  await page.getByRole('radio', { name: 'ステータスの変更' }).check();
  await page.getByLabel(/^新しいステータス/).selectOption({ label: '宿泊療養中' });
  await page.locator('#f-note').fill('宿泊療養施設へ移動。');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await rows.filter({ hasText: '宿泊療養施設へ移動' }).waitFor();

  const texts = await rows.allInnerTexts();
  const status = texts.findIndex((t) => t.includes('宿泊療養施設へ移動'));
  const note = texts.findIndex((t) => t.includes('昨日、電話で体調を確認'));
  assert.equal(status, 0, `today's status change comes first:\n${texts.join('\n---\n')}`);
  assert.ok(note > status, 'yesterday\'s note comes after it');
  assert.match(texts[status], new RegExp(shown(today())));
  assert.match(texts[note], new RegExp(shown(yesterday)));
  assert.match(texts[status], /感染症対策係/, 'who wrote it');
  assert.match(texts[status], /東京都多摩府中保健所/, 'and for which organisation');
  // 現在のステータス: the latest status change.
  assert.match(await page.locator('.record-current').innerText(), /宿泊療養中/);
  assert.match(await page.locator('dl.case-header-facts').innerText(), /宿泊療養中/);

  // 死亡 asks for the date and the place (a list and words).
  await page.getByRole('radio', { name: 'ステータスの変更' }).check();
  await page.getByLabel(/^新しいステータス/).selectOption({ label: '死亡' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#f-death_date-group.has-error').waitFor();
  await page.getByLabel(/^死亡場所/).first().waitFor();
  await checkScreen(page, 'case-record-death');
  await page.getByLabel('死亡日（年）', { exact: true }).fill(today());
  await page.locator('#f-death_place_kind').selectOption({ label: '医療機関' });
  await page.locator('#f-death_place').fill('多摩中央総合病院');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await rows.filter({ hasText: '死亡日' }).first().waitFor();
  assert.match(await page.locator('.record-current').innerText(), /死亡/);
  assert.match(await page.locator('.record-current').innerText(), /医療機関/);
  assert.deepEqual(page.errors, []);
});

test('the 医療 tab shows the report\'s symptoms, the severity and the outcome from a list (CASE-4)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-tama');
  await page.goto(`${env.server.url}/cases`);
  await page.locator('table tbody tr').nth(1).getByRole('link').click();
  await page.getByRole('tab', { name: '医療' }).click();
  await page.waitForURL(/\/medical$/);
  await page.getByRole('heading', { name: '発生届で選ばれた症状' }).waitFor();
  assert.match(await page.locator('.medical-severity').innerText(), /重症ではありません/);
  await page.getByLabel('ICU入室').check();
  await page.locator('#f-outcome').selectOption({ label: 'その他' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('#f-outcome_text').waitFor();
  await page.locator('.field.has-error').first().waitFor();
  await page.locator('#f-outcome_text').fill('転居のため追跡できず');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await page.locator('.medical-severity .badge.danger').waitFor();
  assert.equal(await page.locator('#f-outcome_text').inputValue(), '転居のため追跡できず');
  await checkScreen(page, 'case-medical-tab');
  assert.deepEqual(page.errors, []);
});

// The case search as a nurse uses it (issue 14 item 1, CASE-6) in a real browser, on the demo's
// synthetic cases: the reporting-institution, confirmation, age-range and still-open filters,
// the columns for 担当保健所 / reporting institution / confirmation, a bad age range named on
// its field, the whole result as a CSV download (health centers and prefectures only), and the
// screen at 1280 px and 390 px (checkScreen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkScreen, menuLink, openPage, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
// Those aged `years` or more today were born on or before this date (as the server counts).
const bornBy = (years) => {
  const [y, m, d] = today().split('-').map(Number);
  const date = new Date(Date.UTC(y - years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0); // 29 February in a common year
  return date.toISOString().slice(0, 10);
};

// The cells of one column of the result (by its header), as the table shows them at 1280 px.
async function column(page, header) {
  if (!(await page.locator('section[aria-labelledby="results-title"] table').count())) return [];
  const headers = await page.locator('section[aria-labelledby="results-title"] thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === header);
  assert.ok(index >= 0, `a column ${header} in ${headers.join(', ')}`);
  return page.locator(`section[aria-labelledby="results-title"] tbody tr td:nth-child(${index + 1})`).allInnerTexts();
}

async function search(page) {
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/patients/search')), page.getByRole('button', { name: '検索', exact: true }).click()]);
  await page.waitForFunction(() => !document.querySelector('section[aria-busy]'));
}

test("the prefecture's nurse filters by age, confirmation and institution, and downloads the result as CSV", async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-tokyo');
  await menuLink(page, '閲覧・編集');
  await page.getByRole('heading', { name: '閲覧・編集（患者の検索）' }).waitFor();
  await page.getByLabel('過去データ（2021年9月30日以前）も検索する').check();
  await search(page);
  const everyone = await page.locator('.result-count').innerText();
  assert.match(everyone, /全\d+件中/);
  // The new columns are there, with the demo's names.
  const reporters = await column(page, '報告機関');
  assert.ok(reporters.some((r) => r && r !== '—'), `reporting institutions: ${reporters.join(', ')}`);
  const confirmations = await column(page, '保健所確認');
  assert.ok(confirmations.every((c) => ['未確認', '確認済', '—'].includes(c.trim())), confirmations.join(', '));
  await column(page, '担当保健所');

  // Aged 65 or more: every birth date shown is on or before the bound.
  await page.getByLabel('年齢（から）').fill('65');
  await search(page);
  const births = (await column(page, '生年月日')).map((b) => b.trim().replace(/\//g, '-'));
  for (const birth of births) assert.ok(birth <= bornBy(65), `${birth} is 65 or older`);
  await checkScreen(page, 'cases-search-filters');

  // A bad range is named on its field and nothing else happens.
  await page.getByLabel('年齢（まで）').fill('40');
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await page.locator('#f-age_to-error').waitFor();
  assert.match(await page.locator('#f-age_to-error').innerText(), /年齢（まで）が年齢（から）より小さく/);
  await page.getByLabel('年齢（まで）').fill('');
  await page.getByLabel('年齢（から）').fill('');

  // 未確認 only: every row says so.
  await page.getByLabel('保健所確認').selectOption({ label: '未確認' });
  await search(page);
  for (const c of await column(page, '保健所確認')) assert.equal(c.trim(), '未確認');
  await page.getByLabel('保健所確認').selectOption({ label: 'すべて' });

  // One institution: every row is its own.
  const institution = reporters.find((r) => r && r !== '—').trim();
  const option = page.getByLabel('報告機関').locator('option', { hasText: institution });
  await page.getByLabel('報告機関').selectOption({ label: (await option.first().innerText()).trim() });
  await search(page);
  for (const r of await column(page, '報告機関')) assert.equal(r.trim(), institution);
  await page.getByLabel('療養中の患者のみ（療養解除・死亡を除く）').check();
  await search(page);
  for (const s of await column(page, '現在のステータス')) assert.ok(!/療養解除|死亡/.test(s), s);

  // The whole result as CSV: UTF-8 with BOM, CRLF, the list's columns; POSTed, so the address
  // never holds the criteria.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVファイルに出力' }).click()]);
  const csv = readFileSync(await download.path());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark');
  const text = csv.subarray(3).toString('utf8');
  assert.ok(text.startsWith('HER-SYS ID,氏名,フリガナ,性別,生年月日,年齢,報告日,現在のステータス,担当保健所,報告機関,保健所確認\r\n'), text.slice(0, 120));
  const lines = text.split('\r\n').filter(Boolean);
  const shown = Number(/全(\d+)件中/.exec(await page.locator('.result-count').innerText())?.[1] ?? (await column(page, '報告機関')).length);
  assert.equal(lines.length - 1, shown, 'every match, not only the page');
  for (const line of lines.slice(1)) assert.ok(line.includes(institution), line);
  assert.doesNotMatch(page.url(), /\?/);
  assert.deepEqual(page.errors, []);
});

test('a clinic is offered no CSV; the search page fits a phone', async () => {
  const page = await openPage(env.browser, env.server, { viewport: { width: 390, height: 844 } });
  await signIn(page, env.server, 'demo-clinic');
  await menuLink(page, '閲覧・編集');
  await page.getByRole('heading', { name: '閲覧・編集（患者の検索）' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'CSVファイルに出力' }).count(), 0);
  assert.equal(await page.getByLabel('報告機関').count(), 0, 'a clinic sees only its own cases');
  await page.getByLabel('年齢（から）').fill('0');
  await search(page);
  await checkScreen(page, 'cases-search-clinic');
  assert.deepEqual(page.errors, []);
});

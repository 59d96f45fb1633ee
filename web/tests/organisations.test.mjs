// Institutions and accounts in bulk (issue 14 items 1-3; SPEC ORG-1, ORG-2, DAY-5) in a real
// browser: the health center registers an institution with its phone and contact person, edits
// and retires it; the hospital's administrator imports 20 accounts from a CSV (checked first,
// every problem named by row), sees their initial passwords once and the printable handouts;
// the area page lists the institutions that have not reported, day by day, with their phones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScreen, menuLink, openPage, signIn, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();

test('the health center registers an institution with a phone, edits and retires it (issue 14 item 1)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-tama');
  await menuLink(page, '機関の登録');
  await page.getByRole('heading', { name: '新しい機関を登録' }).waitFor();
  await page.getByLabel('機関名').fill('府中本町クリニック');
  await page.getByLabel('連絡先メールアドレス').fill('honmachi@example.jp');
  await page.getByLabel('所在地').fill('東京都府中市本町1-1');
  await page.getByLabel('電話番号').fill('0990-444-444');  // premium rate: no institution's number
  await page.getByRole('button', { name: '登録する' }).click();
  await page.locator('#f-phone-error').waitFor();
  assert.match(await page.locator('#f-phone-error').innerText(), /電話番号/);
  await page.locator('#f-contact_person-error').waitFor();
  await checkScreen(page, 'org-register-errors');
  await page.getByLabel('電話番号').fill('０４２－３６０－１２３４');
  await page.getByLabel('担当者').fill('事務長 本町');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByText(/府中本町クリニック（MI13-\d+）を登録しました/).waitFor();
  const row = page.locator('tbody tr').filter({ hasText: '府中本町クリニック' });
  await row.getByText('042-360-1234').waitFor();
  assert.match(await row.innerText(), /事務長 本町/);
  // Walk item 16: 「利用中」 on one line at 1280 px.
  const statusLines = await row.getByText('利用中', { exact: true }).evaluate((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  assert.equal(statusLines, 1, '利用中 is not wrapped');
  await checkScreen(page, 'org-registered');

  // Walk item 18: the municipality code is seen and edited; a free-dial number is accepted.
  await row.getByRole('button', { name: '府中本町クリニック を編集' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('担当者').fill('院長 本町');
  await dialog.getByLabel('市区町村コード').fill('１３２０６');
  await dialog.getByLabel('電話番号').fill('0120-444-444');
  await checkScreen(page, 'org-edit-municipality');
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.getByText('府中本町クリニック を保存しました。').waitFor();
  await row.getByText('院長 本町').waitFor();
  await row.getByText('0120-444-444').waitFor();
  await row.getByRole('button', { name: '府中本町クリニック を編集' }).click();
  assert.equal(await page.getByRole('dialog').getByLabel('市区町村コード').inputValue(), '13206');
  await page.getByRole('dialog').getByRole('button', { name: 'キャンセル' }).click();
  await row.getByRole('button', { name: '府中本町クリニック の利用を終了' }).click();
  await page.getByText(/府中本町クリニック の利用を終了しました/).waitFor();
  await row.getByRole('button', { name: '府中本町クリニック の利用を再開' }).waitFor();
  await row.getByText('利用終了', { exact: true }).waitFor();
  await checkScreen(page, 'org-retired');
  assert.deepEqual(page.errors, []);
});

test('the prefecture registers a 地方衛生研究所 and may not retire a health center still in use (issue 14 items 1-2, ORG-2, ACL-3)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-tokyo');
  await menuLink(page, '機関の登録');
  await page.getByRole('heading', { name: '新しい機関を登録' }).waitFor();
  await page.getByLabel('機関名').fill('東京都第二研究所');
  await page.getByLabel('連絡先メールアドレス').fill('institute2@example.jp');
  await page.getByLabel('所在地').fill('東京都新宿区百人町4-1-1');
  await page.getByLabel('電話番号').fill('03-3363-1111');
  await page.getByLabel('担当者').fill('疫学担当 百人');
  await page.getByLabel(/地方衛生研究所/).check();
  await checkScreen(page, 'org-institute-form');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByText(/東京都第二研究所（HC13-\d+）を登録しました/).waitFor();
  const row = page.locator('tbody tr').filter({ hasText: '東京都第二研究所' });
  await row.getByText('保健所（地方衛生研究所）').waitFor();
  // The flag is edited like the rest; cleared, the list says a plain health center.
  await row.getByRole('button', { name: '東京都第二研究所 を編集' }).click();
  const dialog = page.getByRole('dialog');
  assert.equal(await dialog.getByLabel(/地方衛生研究所/).isChecked(), true);
  await dialog.getByLabel(/地方衛生研究所/).uncheck();
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.getByText('東京都第二研究所 を保存しました。').waitFor();
  await row.getByText('保健所', { exact: true }).waitFor();
  // A health center whose institutions are still in use is not retired: said with the count.
  const tama = page.locator('tbody tr').filter({ hasText: '東京都多摩府中保健所' });
  await tama.getByRole('button', { name: '東京都多摩府中保健所 の利用を終了' }).click();
  await page.getByText(/登録した機関のうち3件がまだ利用中です/).waitFor();
  await checkScreen(page, 'org-retire-refused');
  assert.deepEqual(page.errors, []);
});

test('the hospital imports 20 accounts from a CSV and prints their handouts (issue 14 item 3)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hospital');
  await menuLink(page, 'アカウントの一括発行');
  await page.getByRole('heading', { name: 'アカウントの一括発行（CSV）' }).waitFor();
  const dir = tmpdir();
  // A file with problems: nothing is issued, each is named by its row.
  const bad = join(dir, 'accounts-bad.csv');
  writeFileSync(bad, '\uFEFForganisation_code,login_id,display_name,role\r\n,ns-a-01,看護師1,staff\r\n,ns-a-01,看護師2,staff\r\n,ns-a-03,,boss\r\n');
  await page.getByLabel('CSVファイル').setInputFiles(bad);
  await page.getByText(/ファイルに\d+件の誤りがあります/).waitFor();
  // Walk item 13: the lines as Excel numbers them (the header is line 1), with the typed value.
  const errors = await page.locator('tbody').innerText();
  assert.match(errors, /3\s+ログインID\s+.*（ns-a-01）/);
  assert.match(errors, /4\s+表示名/);
  assert.match(errors, /4\s+権限\s+.*（boss）/);
  await checkScreen(page, 'account-import-errors');
  // An unclosed quote is named by the line where it starts.
  const quoted = join(dir, 'accounts-quote.csv');
  writeFileSync(quoted, 'organisation_code,login_id,display_name,role\r\n,ns-q-01,看護師1,staff\r\n,ns-q-02,"看護師2,staff\r\n,ns-q-03,看護師3,staff\r\n');
  await page.getByLabel('CSVファイル').setInputFiles(quoted);
  await page.getByText('3行目で始まる引用符（"）が閉じていません。').waitFor();
  assert.match(await page.locator('tbody').innerText(), /^3\s/);
  // Walk item 16: the organisation select shows its whole name at 1280 px.
  const select = page.getByLabel('機関コードを空欄にした行の機関');
  assert.ok(await select.evaluate((s) => s.scrollWidth <= s.clientWidth + 1 && s.clientWidth > 300), 'the select is not cut');

  const lines = ['organisation_code,login_id,display_name,role'];
  for (let i = 1; i <= 20; i++) lines.push(`,tama-ward-${String(i).padStart(2, '0')},病棟看護師${i},${i === 1 ? 'admin' : 'staff'}`);
  const good = join(dir, 'accounts-20.csv');
  writeFileSync(good, lines.join('\r\n') + '\r\n');
  await page.getByLabel('CSVファイル').setInputFiles(good);
  await page.getByText('20件のアカウントを発行できます。', { exact: false }).waitFor();
  await checkScreen(page, 'account-import-checked');
  // Walk item 11: issuing takes seconds; the button and a status say so meanwhile (the answer
  // is held back here so that the wait is seen).
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/api/v1/accounts/import', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: '20件を発行する' }).click();
  const issuing = page.getByRole('button', { name: '発行中…（20件）' });
  await issuing.waitFor();
  assert.equal(await issuing.isDisabled(), true);
  assert.equal(await page.getByRole('status').filter({ hasText: '発行中…（20件）' }).count(), 1);
  await checkScreen(page, 'account-import-issuing');
  release();
  await page.getByText(/20件のアカウントを発行しました/).waitFor();
  await page.unroute('**/api/v1/accounts/import');
  const table = page.locator('main tbody');
  assert.equal(await table.locator('tr').count(), 20);
  assert.match(await table.innerText(), /tama-ward-20/);
  assert.match(await table.innerText(), /^2\s/);  // the first account is line 2
  // Walk item 12: the passwords are shown once; leaving before printing or saving asks that.
  await page.getByText('初期パスワードはこの画面でしか表示されません。画面を移る前に', { exact: false }).waitFor();
  await checkScreen(page, 'account-import-issued');
  await menuLink(page, 'アカウント管理');
  const leave = page.getByRole('dialog', { name: '初期パスワードを印刷・保存していません' });
  await leave.waitFor();
  assert.match(await leave.innerText(), /移動しますか？/);
  assert.equal(await page.getByText('保存していない変更があります').count(), 0);
  await checkScreen(page, 'account-import-leave');
  await leave.getByRole('button', { name: 'この画面に戻る' }).click();

  // The handouts: one page per account, printed alone.
  const handouts = page.locator('.handout .handout-page');
  assert.equal(await handouts.count(), 20);
  await page.evaluate(() => document.body.classList.add('printing-handout'));
  await page.emulateMedia({ media: 'print' });
  const first = handouts.first();
  assert.ok(await first.isVisible(), 'the handout shows in print');
  const text = await first.innerText();
  assert.match(text, /HER-SYS アカウントのお知らせ/);
  assert.match(text, /多摩中央総合病院/);
  assert.match(text, /tama-ward-01/);
  assert.match(text, /https:\/\/[^/]+\//);
  assert.match(text, /パスワード.*変更/);
  assert.match(text, /2段階認証/);
  await page.screenshot({ path: join('test-results', 'account-import-handout.png'), fullPage: false });
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 20, 'one A4 page per account');
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('printing-handout'));
  // Saved as CSV: leaving asks nothing.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '発行結果のCSVを保存' }).click();
  await download;
  await menuLink(page, 'アカウント管理');
  await page.waitForURL(/\/admin\/accounts(\?|$)/);
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('the area page lists the institutions that have not reported, day by day, with phones (issue 14 item 2)', async () => {
  const page = await openPage(env.browser, env.server, { viewport: { width: 390, height: 844 } });
  await signIn(page, env.server, 'demo-hc-tama');
  await menuLink(page, '日次報告の集計');
  await page.getByRole('heading', { name: '日ごとの未報告の医療機関等' }).waitFor();
  const sections = page.locator('section.missing-day');
  assert.equal(await sections.count(), 7, 'one list per day of the window');
  const last = sections.last();
  assert.match(await last.innerText(), /042-\d{3}-\d{4}/);
  assert.match(await last.innerText(), /受付 宮町 六花|感染管理室 武蔵 五月/);
  await checkScreen(page, 'daily-area-missing');
  assert.deepEqual(page.errors, []);
});

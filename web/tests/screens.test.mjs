// The staff app's frame on phones and PCs, in both languages (issue 19 items 16-18, 25-27):
// the compact header and its menu button, tables as cards, the case's tab in the address and
// one Back to the search, unsaved edits guarded, page titles, English without stray Japanese,
// and the small things of item 26. Every checkScreen also checks the other width (harness).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkScreen, layoutProblems, openPage, phone, results, signIn, serverAndBrowser, totp } from './harness.mjs';

const env = serverAndBrowser();

// Japanese the English screens may show: the language switch's own name, and the domain terms
// shown beside their English on purpose.
const allowedJapanese = ['日本語', '現在のステータス'];
const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60\u3000-\u303f]+/g;

// The Japanese on the screen that is neither data (any string the API answered: names,
// addresses, organisations, the brackets' labels) nor allowed.
async function strayJapanese(page) {
  const text = await page.evaluate(() => {
    const parts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement?.closest('[lang="ja"], script, style') || !node.parentElement?.getClientRects().length) continue;
      parts.push(node.textContent);
    }
    for (const e of document.querySelectorAll('[aria-label], [title], input[placeholder]')) parts.push(e.getAttribute('aria-label') ?? '', e.getAttribute('title') ?? '');
    parts.push(document.title);
    return parts.join('\n');
  });
  const data = page.apiStrings.join('\n');
  return [...new Set(text.match(japanese) ?? [])].filter((run) => !allowedJapanese.some((a) => a.includes(run) || run.includes(a)) && !data.includes(run));
}

// Keeps every string the API answered with, for strayJapanese.
function recordApiStrings(page) {
  page.apiStrings = [];
  page.on('response', async (r) => {
    if (!r.url().includes('/api/') || !(r.headers()['content-type'] ?? '').includes('json')) return;
    const walk = (v) => (typeof v === 'string' ? page.apiStrings.push(v) : v && typeof v === 'object' && Object.values(v).forEach(walk));
    walk(await r.json().catch(() => null));
  });
}

test('on a phone the header is one compact row and the menu opens from a button (issue 19 item 27)', async () => {
  const page = await openPage(env.browser, env.server, { viewport: phone });
  await signIn(page, env.server, 'demo-hc-shinjuku');
  const header = await page.locator('header.brand-bar').boundingBox();
  assert.ok(header.height <= 80, `the header is ${header.height} px high (was 380 px with the menu)`);
  const button = page.getByRole('button', { name: 'メニュー' });
  const menu = page.getByRole('navigation', { name: 'メニュー' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await menu.isVisible(), false, 'the menu is closed');
  // The top page starts with the day's numbers (issue 14), then the tasks.
  const first = await page.locator('.counts, .tasks').first().boundingBox();
  assert.ok(first.y < 200, `the top page's content starts at ${first.y} px`);
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator(`#${await button.getAttribute('aria-controls')}`).isVisible(), true, 'aria-controls names the menu');
  await menu.getByRole('button', { name: 'English' }).waitFor();
  await menu.getByRole('button', { name: 'サインアウト' }).waitFor();
  await checkScreen(page, 'menu-open-phone');
  await menu.getByRole('link', { name: '閲覧・編集' }).focus();
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'Escape closes the menu');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'menu-button', 'and gives the focus back to its button');
  await button.click();
  await menu.getByRole('link', { name: '閲覧・編集' }).click();
  await page.getByRole('heading', { name: '閲覧・編集' }).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'false', 'choosing a page closes the menu');
  assert.equal(await menu.isVisible(), false);
  // At 1280 px the menu is the side column and the button is not there.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await menu.isVisible(), true);
  assert.equal(await button.isVisible(), false);
  assert.deepEqual(page.errors, []);
});

test('search results are cards on a phone; a case opens with one history entry, its tab is in the address, and one Back returns to the results and their scroll (issue 19 items 18, 27)', async () => {
  const page = await openPage(env.browser, env.server, { viewport: phone });
  await signIn(page, env.server, 'demo-hc-tama');
  await page.goto(`${env.server.url}/cases`);
  const rows = page.locator('table.cards tbody tr');
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 3, 'the search lists cases');
  assert.match(await page.title(), /閲覧・編集/);
  // A card: each line names its column.
  const cell = rows.first().locator('td').nth(1);
  assert.equal(await cell.evaluate((e) => getComputedStyle(e, '::before').content), '"氏名"');
  await checkScreen(page, 'search-results-phone');
  const last = rows.last();
  await last.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 300, `the list is scrolled (${scrolled} px)`);
  const historyBefore = await page.evaluate(() => history.length);
  await last.getByRole('link').click();
  await page.getByRole('tab', { name: '発生届' }).waitFor();
  assert.match(page.url(), /\/cases\/\d+$/);
  assert.equal(await page.evaluate(() => history.length), historyBefore + 1, 'one history entry for opening the case');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the case starts at its top');
  await page.getByRole('tab', { name: '検査' }).click();
  await page.waitForURL(/\/cases\/\d+\/tests$/);
  await page.getByRole('tab', { name: '記録' }).click();
  await page.waitForURL(/\/cases\/\d+\/record$/);
  assert.equal(await page.getByRole('tab', { name: '記録' }).getAttribute('aria-selected'), 'true');
  assert.doesNotMatch(page.url(), /%[0-9A-F]{2}/, 'ids only in the address, no names');
  await checkScreen(page, 'case-record-phone');
  // The address opens the same tab (a reload, a bookmark).
  const caseUrl = page.url();
  const again = await page.context().newPage();
  await again.goto(caseUrl);
  await again.getByRole('tab', { name: '記録', selected: true }).waitFor();
  await again.close();
  // One Back: the search, with its results, where it was scrolled.
  await page.goBack();
  await page.waitForURL(/\/cases$/);
  await rows.last().waitFor();
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled, { timeout: 5000 });
  assert.deepEqual(page.errors, []);
});

test('unsaved edits: a case tab, a menu link and sign-out ask first; closing the page asks the browser (issue 19 item 17)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hospital');
  await page.goto(`${env.server.url}/cases`);
  await page.locator('table tbody tr').first().waitFor();
  await page.locator('table tbody tr').first().getByRole('link').click();
  await page.getByRole('tab', { name: '記録' }).click();
  await page.waitForURL(/\/record$/);
  const note = page.locator('#f-note');
  await note.first().fill('電話で経過を確認');
  // Another tab: asked, and staying keeps the text.
  await page.getByRole('tab', { name: '医療' }).click();
  const dialog = page.getByRole('dialog', { name: '保存していない変更があります' });
  await dialog.waitFor();
  await checkScreen(page, 'unsaved-changes');
  await dialog.getByRole('button', { name: '入力に戻る' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.match(page.url(), /\/record$/);
  assert.equal(await page.locator('#f-note').inputValue(), '電話で経過を確認');
  // A menu link: asked too.
  await page.getByRole('navigation').getByRole('link', { name: 'トップ' }).click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '入力に戻る' }).click();
  // Sign-out: asked.
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: '入力に戻る' }).click();
  // Closing the page: the browser asks (beforeunload).
  const asked = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.type()); void d.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  assert.equal(await asked, 'beforeunload');
  assert.equal(page.isClosed(), false, 'dismissing keeps the page');
  // Discarding goes on; a saved form leaves without a question.
  await page.getByRole('tab', { name: '医療' }).click();
  await dialog.getByRole('button', { name: '変更を破棄して移動' }).click();
  await page.waitForURL(/\/medical$/);
  await page.getByRole('tab', { name: '記録' }).click();
  await page.waitForURL(/\/record$/);
  assert.equal(await page.locator('#f-note').inputValue(), '', 'the discarded text is gone');
  await page.locator('#f-note').fill('保存するメモ');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await page.getByRole('tab', { name: '医療' }).click();
  await page.waitForURL(/\/medical$/);
  assert.equal(await dialog.isVisible(), false);
  assert.deepEqual(page.errors, []);
});

test('English before and after sign-in: the choice is remembered, and no screen shows Japanese outside data and the allowed terms (issue 19 item 25)', async () => {
  const page = await openPage(env.browser, env.server);
  recordApiStrings(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const { password, secret } = env.server.accounts['demo-hc-tama'];
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.error-summary').waitFor();
  assert.deepEqual(await strayJapanese(page), [], 'the sign-in errors');
  await checkScreen(page, 'sign-in-en');
  await page.getByLabel('Login ID').fill('demo-hc-tama');
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code (6 digits)').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Top page' }).waitFor();
  const stray = {};
  const visit = async (path, ready, name) => {
    await page.goto(`${env.server.url}${path}`);
    await ready();
    await page.waitForLoadState('networkidle');
    const found = await strayJapanese(page);
    if (found.length) stray[path] = found;
    if (name) await checkScreen(page, name);
  };
  await visit('/', () => page.getByRole('heading', { name: 'Top page' }).waitFor(), 'home-en');
  await visit('/daily/area', () => page.getByRole('heading', { name: /Not yet reported/ }).first().waitFor(), 'daily-area-en');
  await visit('/cases', () => page.locator('table tbody tr').first().waitFor(), 'search-en');
  const caseId = await page.locator('table tbody tr').first().getByRole('link').getAttribute('href');
  for (const tab of ['', '/identity', '/tests', '/residences', '/medical', '/record']) {
    await visit(`${caseId}${tab}`, () => page.getByRole('tab', { selected: true }).waitFor(), tab === '' ? 'case-en' : null);
  }
  const tabs = await page.getByRole('tab').allInnerTexts();
  assert.deepEqual(tabs.slice(0, 6), ['Occurrence reports', 'Identity', 'Tests', 'Residence', 'Medical', 'Record']);
  assert.doesNotMatch(await page.getByRole('heading', { level: 1 }).innerText(), /：/, 'no full-width colon in English');
  // issue 14 items 17, 18: the case's reports are numbered (not the internal id) with dates in
  // the one style; the English print has English punctuation and that date style.
  await page.getByRole('tab', { name: 'Occurrence reports' }).click();
  const reportRow = page.getByRole('tabpanel').locator('tbody tr').first();
  assert.match(await reportRow.locator('td').nth(0).innerText(), /^No\. \d+$/);
  assert.match(await reportRow.locator('td').nth(2).innerText(), /^\d{4}\/\d{2}\/\d{2}$/);
  await reportRow.getByRole('link', { name: 'Print' }).click();
  await page.locator('table.form-items').waitFor();
  for (const n of [2, 11, 12, 14]) {
    const cell = await page.locator(`tr[data-item="${n}"] td`).innerText();
    assert.doesNotMatch(cell, /[、／：（）]/, `item ${n}: ${cell}`);
  }
  assert.match(await page.locator('tr[data-item="14"] td').innerText(), /^\d{4}\/\d{2}\/\d{2} \(/, 'the diagnosis date as 2026/11/29 (令和…)');
  await visit('/cases?status=none', () => page.getByRole('heading', { level: 1 }).waitFor());
  await visit('/reports/new', () => page.getByRole('heading', { level: 1 }).waitFor(), 'report-form-en');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.locator('.error-summary').waitFor();
  const found = await strayJapanese(page);
  if (found.length) stray['/reports/new (errors)'] = found;
  await visit('/admin/organisations', () => page.getByRole('heading', { level: 1 }).waitFor(), 'organisations-en');
  await visit('/admin/accounts', () => page.locator('table tbody tr').first().waitFor(), 'accounts-en');
  await visit('/nowhere', () => page.getByRole('heading', { name: 'Page not found.' }).waitFor());
  assert.deepEqual(stray, {});
  // The clinic's daily report in English.
  await page.evaluate(() => localStorage.setItem('hersys.language', 'ja'));
  assert.deepEqual(page.errors, []);
});

test('every page has its own title (issue 19 item 26)', async () => {
  const page = await openPage(env.browser, env.server);
  await page.getByRole('heading', { name: 'サインイン' }).waitFor();
  assert.match(await page.title(), /^サインイン \| HER-SYS$/);
  await signIn(page, env.server, 'demo-kanagawa');
  const titles = new Map();
  for (const path of ['/', '/cases', '/cases?status=none', '/reports/new', '/reports/new?draft=1', '/daily/area', '/admin/accounts', '/admin/organisations', '/admin/access-log', '/nowhere']) {
    await page.goto(`${env.server.url}${path}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const title = await page.title();
    assert.match(title, / \| HER-SYS$/, path);
    assert.ok(![...titles.values()].includes(title), `${path}: "${title}" is another page's title too`);
    titles.set(path, title);
  }
  assert.equal(titles.get('/cases?status=none'), '現在のステータスが未入力の患者 | HER-SYS');
});

test('wording: 現在のステータス, one name for follow-up centers, no FAX entry promised to the prefecture and the ministry, the ministry named once (issue 19 item 26)', async () => {
  const ministry = await openPage(env.browser, env.server);
  await signIn(ministry, env.server, 'demo-ministry');
  const top = await ministry.locator('main').innerText();
  assert.doesNotMatch(top, /FAX/, 'the ministry cannot enter reports received by FAX');
  assert.equal(top.match(/厚生労働省/g)?.length ?? 0, 1, `the greeting names the ministry once:\n${top.split('\n').slice(0, 3).join('\n')}`);
  await checkScreen(ministry, 'home-ministry');
  const prefecture = await openPage(env.browser, env.server);
  await signIn(prefecture, env.server, 'demo-tokyo');
  assert.doesNotMatch(await prefecture.locator('main').innerText(), /FAX/, 'the prefecture cannot either');
  await checkScreen(prefecture, 'home-prefecture');
  // The health center's organisations: the kind of a follow-up center is the seeds' name.
  const center = await openPage(env.browser, env.server);
  await signIn(center, env.server, 'demo-hc-shinjuku');
  await center.getByRole('link', { name: '機関の登録' }).first().click();
  await center.getByRole('radio', { name: '健康フォローアップセンター' }).waitFor();
  const text = await center.locator('main').innerText();
  assert.doesNotMatch(text.replace(/健康フォローアップセンター/g, ''), /フォローアップセンター/, 'one name');
  assert.match(await center.getByRole('link', { name: '現在のステータスが未入力の患者' }).first().innerText(), /現在のステータス/);
  assert.doesNotMatch(await center.locator('body').innerText(), /療養状況/);
  assert.deepEqual([...ministry.errors, ...prefecture.errors, ...center.errors], []);
});

test('sign-in: empty fields are named in the summary, the code field has the focus at the code step (issue 19 item 26)', async () => {
  const page = await openPage(env.browser, env.server);
  await page.getByRole('button', { name: 'サインイン' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  const text = await summary.innerText();
  assert.match(text, /ログインID/);
  assert.match(text, /パスワード/);
  const { password } = env.server.accounts['demo-clinic2'];
  await page.getByLabel('ログインID').fill('demo-clinic2');
  await page.getByLabel(/^パスワード/).fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: '確認コードの入力' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'f-code');
  await checkScreen(page, 'sign-in-code-focus');
  assert.deepEqual(page.errors, []);
});

test('a new account defaults to the ordinary role; its initial password can be copied and printed as a handout (issue 19 item 26)', async () => {
  const page = await openPage(env.browser, env.server);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await signIn(page, env.server, 'demo-clinic');
  await page.getByRole('link', { name: 'アカウント管理' }).first().click();
  assert.equal(await page.getByRole('radio', { name: '一般' }).isChecked(), true, '一般 is preselected');
  assert.equal(await page.getByRole('radio', { name: '管理者' }).isChecked(), false);
  await page.getByLabel(/^氏名または部署名/).fill('受付2');
  await page.getByRole('button', { name: '発行する' }).click();
  const dialog = page.getByRole('dialog', { name: '初期パスワード' });
  const initial = await dialog.getByTestId('issued-password').innerText();
  const login = await dialog.getByTestId('issued-login').innerText();
  await dialog.getByRole('button', { name: 'コピー' }).nth(1).click();
  await dialog.getByText('初期パスワードをコピーしました。').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), initial);
  await page.getByRole('cell', { name: login, exact: true }).waitFor({ state: 'attached' });
  assert.equal(await page.getByRole('row', { name: new RegExp(login) }).getByRole('cell', { name: '一般' }).count(), 1, 'issued as 一般');
  await checkScreen(page, 'accounts-issued-copy');
  // The handout: window.print() with the handout marked for print.
  await page.evaluate(() => {
    window.print = () => {
      window.printedHandout = document.body.classList.contains('printing-handout');
    };
  });
  await dialog.getByRole('button', { name: '配布用に印刷' }).click();
  assert.equal(await page.evaluate(() => window.printedHandout), true);
  await page.emulateMedia({ media: 'print' });
  const handout = await page.locator('.handout').innerText();
  for (const part of [login, initial, 'サインインするページ', '府中駅前内科クリニック', env.server.url]) assert.ok(handout.includes(part), `the handout has ${part}`);
  await page.screenshot({ path: join(results, 'accounts-handout-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('printing-handout'));
  assert.deepEqual(page.errors, []);
});

test('the daily grid takes a full-width ２ and shows it back as 2; on a PC its 合計 is not cut off (issue 19 items 16, 26)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hospital');
  await page.getByRole('link', { name: '日次報告の提出' }).first().click();
  await page.getByLabel('20代').fill('２');
  await page.getByLabel('30代').fill('１０');
  await page.getByLabel('40代').focus();
  assert.equal(await page.getByLabel('20代').inputValue(), '2');
  assert.equal(await page.getByLabel('30代').inputValue(), '10');
  await page.getByRole('button', { name: '確認' }).click();
  await page.getByRole('heading', { name: '確認画面' }).waitFor();
  assert.match(await page.locator('.big-total').innerText(), /12/);
  assert.deepEqual(await layoutProblems(page), [], 'the confirmation table fits at 1280 px');
  await page.getByRole('button', { name: '報告' }).click();
  await page.getByText(/の報告は完了しています/).waitFor();
  await page.getByRole('tab', { name: '履歴' }).click();
  await page.getByRole('tabpanel').getByRole('cell', { name: '12', exact: true }).waitFor();
  const total = await page.getByRole('columnheader', { name: '合計' }).boundingBox();
  const panel = await page.getByRole('tabpanel').boundingBox();
  assert.ok(total.x + total.width <= panel.x + panel.width + 1, '合計 is inside the panel');
  await checkScreen(page, 'daily-history-fullwidth');
  assert.deepEqual(page.errors, []);
});

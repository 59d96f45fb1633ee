// The occurrence report (発生届, REP-1..9) from the clinic to the health center, in a real
// browser: errors framed in red, a typical report for a 70-year-old with a PCR result (its
// interactions and time go into docs/usability.md), the look-alike prompt, print, the health
// center's 保健所確認済, and another clinic not finding the patient (ACL-1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkScreen, interactions, noSidewaysScroll, openPage, results, signIn, serverAndBrowser } from './harness.mjs';

// REPORT_WIDTH=390 runs the clinic's screens at a phone's width (issue 19 item 27).
const width = Number(process.env.REPORT_WIDTH ?? 1280);
let clinic;
const env = serverAndBrowser(async ({ server, browser }) => {
  clinic = await openPage(browser, server, { viewport: { width, height: width < 600 ? 844 : 900 } });
  await signIn(clinic, server, 'demo-clinic');
});

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
const daysAgo = (n, years = 0) => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};
// A date field is year / month / day; a whole date typed into the year fills all three.
const dateField = (page, label) => page.getByLabel(`${label}（年）`, { exact: true });
const fillDate = (page, label, iso) => dateField(page, label).fill(iso);
// The name as typed with an input method: each word composed as its reading, then converted
// (compositionupdate carries the かな, compositionend the kanji), words separated by a space.
async function typeWithIme(input, words) {
  await input.evaluate((el, words) => {
    const setValue = (v) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    };
    el.focus();
    for (const [i, [reading, text]] of words.entries()) {
      const before = el.value + (i > 0 ? ' ' : '');
      if (i > 0) setValue(before);
      el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
      for (let n = 1; n <= reading.length; n++) {
        el.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, data: reading.slice(0, n) }));
        setValue(before + reading.slice(0, n));
      }
      el.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, data: text }));
      setValue(before + text);
      el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: text }));
    }
  }, words);
}
const patient = { name: '検査 太郎', kana: 'ケンサ タロウ', birth: daysAgo(40, 70), address: '東京都府中市宮町1-1-1' };

test('a report with missing fields is framed in red and announced (REP-2)', async () => {
  const page = clinic;
  await page.getByRole('link', { name: '新たに発生届を提出' }).first().click();
  await page.getByRole('button', { name: '確認' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.match(await summary.innerText(), /\d+件の入力エラーがあります（報告の前に直してください）/);
  for (const name of ['patient-name', 'patient-birth_date', 'onset_date', 'diagnosis_class']) {
    assert.equal(await page.locator(`#f-${name}`).evaluate((e) => e.closest('.field').classList.contains('has-error')), true, name);
  }
  assert.equal(await page.locator('#f-patient-name').getAttribute('aria-invalid'), 'true');
  // issue 19 item 20: blocking errors and "does not apply?" notes are apart, counted apart,
  // in form order; empty optional fields are not framed in red.
  const blockers = await summary.locator('li').allInnerTexts();
  const notes = page.locator('section.skip-notes');
  assert.match(await notes.getByRole('heading').innerText(), /未入力の項目（\d+件）/);
  assert.ok(!(await summary.innerText()).includes('渡航歴'), 'notes are not listed among the errors');
  assert.match(await notes.innerText(), /渡航歴/);
  const counted = Number(/(\d+)件の入力エラー/.exec(await summary.getByRole('heading').innerText())[1]);
  assert.equal(counted, blockers.length, 'the errors are counted apart from the notes');
  const order = await page.evaluate(() => [...document.querySelectorAll('.field.has-error')].map((e) => e.querySelector('[aria-invalid="true"]')?.id ?? e.id));
  const listed = await summary.locator('li').evaluateAll((items) => items.map((li) => li.textContent));
  assert.ok(/診断類型/.test(listed[0]), `the first error is the first field: ${listed[0]}`);
  assert.ok(listed.findIndex((x) => /氏名/.test(x)) < listed.findIndex((x) => /発症年月日/.test(x)), 'in form order');
  assert.equal(order.length, blockers.length, 'only the blocking errors are red');
  for (const name of ['occupation', 'travel_history', 'patient-phone']) {
    assert.equal(await page.locator(`#f-${name}`).evaluate((e) => e.closest('.field').classList.contains('has-error')), false, `${name} is optional`);
  }
  await checkScreen(page, 'report-errors');
  await noSidewaysScroll(page, `the errors at ${width} px`);
  await page.getByRole('link', { name: 'トップ' }).click();
});

test('a draft is listed for the organisation and continued, without an ID; the doctor is kept over a reload (REP-9; issue 19 items 22, 23)', async () => {
  const page = clinic;
  await page.getByRole('link', { name: '発生届の提出前に使用' }).first().click();
  await page.getByRole('heading', { name: '発生届（提出前の一時保存）' }).waitFor();
  await page.getByLabel(/^氏名/).fill('下書 花子');
  await page.getByLabel(/^診断した医師の氏名/).fill('府中 一郎');
  await page.getByRole('button', { name: '一時保存' }).click();
  await page.getByRole('heading', { name: '一時保存中の発生届' }).waitFor();
  const row = page.getByRole('row', { name: /下書 花子/ });
  await row.waitFor();
  assert.doesNotMatch(await row.innerText(), /（）|\d{9}/, 'no empty brackets and no HER-SYS ID for a draft');
  await page.getByText(/^全\d+件$/).waitFor();
  await checkScreen(page, 'report-drafts');
  await page.reload();
  await page.getByRole('link', { name: 'トップ' }).click();
  await page.getByRole('link', { name: '一時保存中の発生届' }).first().click();
  await row.getByRole('link', { name: '下書 花子' }).click();
  await page.getByRole('heading', { name: '発生届（一時保存）：下書 花子' }).waitFor();
  assert.equal(await page.getByLabel(/^氏名/).inputValue(), '下書 花子', 'the draft is continued');
  assert.doesNotMatch(await page.locator('h1').innerText(), /（）/);
  // The doctor belongs to the account: a reload (a new sitting) keeps it (item 22).
  await page.reload();
  await page.getByRole('link', { name: 'トップ' }).click();
  await page.getByRole('link', { name: '新たに発生届を提出' }).first().click();
  await page.getByText('報告する医療機関：').waitFor();
  await page.waitForFunction(() => document.getElementById('f-doctor_name')?.value === '府中 一郎');
  await page.getByRole('link', { name: 'トップ' }).click();
  assert.deepEqual(page.errors, []);
});

let hersysId;
test('a 70-year-old with a PCR result is filed in at most 10 interactions (REP-1, REP-4; issue 19 item 28)', async () => {
  const page = clinic;
  const ui = interactions();
  const started = Date.now();
  await ui.click(page.getByRole('link', { name: '新たに発生届を提出' }).first());
  // The doctor and institution come from the account (item 22): nothing to do.
  await page.getByText('報告する医療機関：').waitFor();
  await page.waitForFunction(() => document.getElementById('f-doctor_name')?.value === '府中 一郎'); // the account's doctor
  // The name, typed with an input method: the フリガナ follows its reading (item 28).
  await ui.click(page.getByLabel(/^氏名/));
  await typeWithIme(page.getByLabel(/^氏名/), [['けんさ', '検査'], ['たろう', '太郎']]);
  assert.equal(await page.getByLabel(/^フリガナ/).inputValue(), patient.kana);
  await ui.check(page.getByRole('radio', { name: '男' }));
  // Dates typed straight through (item 15): year, month and day move on by themselves.
  await ui.click(dateField(page, '生年月日'));
  await page.keyboard.type(patient.birth.replace(/-/g, ''));
  await page.getByText('診断日時点で70歳').waitFor();
  await ui.fill(page.getByLabel(/^住所（住民票）/), patient.address);
  await ui.click(dateField(page, '発症年月日'));
  await page.keyboard.type(daysAgo(2).replace(/-/g, ''));
  await ui.check(page.getByRole('checkbox', { name: '発熱' }));
  await ui.click(page.getByRole('button', { name: 'PCR陽性（鼻咽頭）' }));
  assert.equal(await page.getByRole('radio', { name: '確定患者' }).isChecked(), true, 'a positive test with symptoms: 確定患者, shown and changeable');
  await page.getByText('65歳以上').first().waitFor(); // the scope panel explains why (REP-3)
  await checkScreen(page, 'report-form');
  await noSidewaysScroll(page, `the report form at ${width} px`);
  await ui.click(page.getByRole('button', { name: '確認' }));
  // The fields that may not apply are on the review screen, apart (item 20, 28).
  await page.getByRole('heading', { name: '入力内容の確認' }).waitFor();
  assert.match(await page.locator('section.skip-notes').innerText(), /渡航歴/);
  assert.match(await page.locator('table.report-table').innerText(), /PCR検査／鼻咽頭ぬぐい液／.*／陽性/);
  assert.match(await page.locator('table.report-table').innerText(), /確定患者/);
  await checkScreen(page, 'report-review');
  await noSidewaysScroll(page, `the review at ${width} px`);
  await ui.click(page.getByRole('button', { name: '報告' }));
  const done = page.getByRole('status');
  await page.getByRole('heading', { name: '報告しました' }).waitFor();
  const seconds = (Date.now() - started) / 1000;
  hersysId = /HER-SYS ID (\d{9})/.exec(await done.innerText())[1];
  await checkScreen(page, 'report-done');
  console.log(`# usability: a 70-year-old with PCR filed in ${ui.count} interactions, ${seconds.toFixed(1)} s (${width} px)`);
  assert.ok(ui.count <= 10, `${ui.count} interactions`);
  assert.equal(ui.count, 10);
  assert.deepEqual(page.consoleErrors, []);
});

test('filing another for the same person asks whether it is a look-alike (CASE-7, REP-9)', async () => {
  const page = clinic;
  await page.getByRole('button', { name: '続けて次の発生届を登録' }).click();
  await page.getByRole('heading', { name: '発生届の新規登録' }).waitFor();
  assert.equal(await page.getByLabel(/^診断した医師の氏名/).inputValue(), '府中 一郎', 'the doctor is kept');
  assert.equal(await page.getByLabel(/^氏名/).inputValue(), '', 'the patient is not');
  await page.getByRole('radio', { name: '疑似症患者' }).check();
  await page.getByLabel(/^氏名/).fill(patient.name);
  await page.getByLabel(/^フリガナ/).fill(patient.kana);
  await page.getByRole('radio', { name: '男' }).check();
  await fillDate(page, '生年月日', patient.birth);
  await page.getByLabel(/^住所（住民票）/).fill(patient.address);
  await fillDate(page, '発症年月日', daysAgo(1));
  await page.getByRole('button', { name: '抗原定性陽性（鼻腔）' }).click();
  await page.getByRole('button', { name: '確認' }).click();
  // 入力に戻る from the review marks nothing red: empty optional fields are no errors (item 20).
  await page.getByRole('heading', { name: '入力内容の確認' }).waitFor();
  await page.getByRole('button', { name: '入力に戻る' }).click();
  await page.getByRole('heading', { name: '発生届の新規登録' }).waitFor();
  assert.equal(await page.locator('.field.has-error').count(), 0, 'no field is red after 入力に戻る');
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  await page.getByRole('button', { name: '確認' }).click();
  await page.getByRole('button', { name: '報告' }).click();
  const dialog = page.getByRole('dialog', { name: '同一人物の可能性がある患者がいます' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), new RegExp(hersysId));
  await checkScreen(page, 'report-look-alike');
  await dialog.getByRole('button', { name: 'この患者の発生届として登録' }).click();
  await page.getByRole('heading', { name: '報告しました' }).waitFor();
  assert.match(await page.getByRole('status').innerText(), new RegExp(hersysId), 'filed for the same patient');
});

// 和暦 as the legal form prints dates (令和8年11月21日).
function wareki(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const eras = [['2019-05-01', '令和', 2018], ['1989-01-08', '平成', 1988], ['1926-12-25', '昭和', 1925]];
  const [, name, offset] = eras.find(([start]) => iso >= start);
  return `${name}${y - offset === 1 ? '元' : y - offset}年${m}月${d}日`;
}

// issue 14 item 2 (REP-8): the legal form 別記様式6-1, printed from the browser on one A4 page,
// its text that of the report.
test('the printed form is the legal form on one A4 page with the report in it (REP-8)', async () => {
  const page = clinic;
  await page.getByRole('link', { name: '印刷' }).click();
  await page.getByRole('heading', { name: '新型コロナウイルス感染症発生届' }).waitFor();
  const form = page.locator('article.print-form');
  assert.match(await form.innerText(), new RegExp(hersysId));
  await checkScreen(page, 'report-print');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav.side').isVisible(), false, 'menus are not printed');
  assert.equal(await page.locator('header.brand-bar').isVisible(), false, 'the header is not printed');
  assert.equal(await page.getByRole('button', { name: 'この画面を印刷' }).isVisible(), false);
  // The printed text is the report's (the one filed last: the suspected case), in the form's order.
  const text = await form.innerText();
  const item = async (n) => (await page.locator(`tr[data-item="${n}"] td`).innerText()).trim();
  for (const expected of ['別記様式6-1', '都道府県知事（保健所設置市長・特別区長）殿', '感染症の予防及び感染症の患者に対する医療に関する法律第12条第1項', 'の規定により、以下のとおり届け出る。']) {
    assert.ok(text.includes(expected), `the form has ${expected}`);
  }
  assert.equal(await page.locator('td[data-field="reported_on"]').innerText(), wareki(today()));
  assert.equal(await page.locator('td[data-field="doctor"]').innerText(), '府中 一郎');
  assert.equal(await page.locator('td[data-field="institution"]').innerText(), '府中駅前内科クリニック');
  assert.equal(await page.locator('td[data-field="institution_address"]').innerText(), '東京都府中市宮町1-40');
  assert.equal(await item(1), '疑似症患者');
  assert.equal(await item(2), `${patient.name}（${patient.kana}）`);
  assert.equal(await item(3), '男');
  assert.equal(await item(4), wareki(patient.birth));
  assert.equal(await item(5), '70歳');
  assert.match(await item(7), new RegExp(patient.address));
  assert.equal(await item(9), '—', 'no guardian for an adult');
  assert.match(await item(12), new RegExp(`^抗原.*（鼻腔ぬぐい液、${wareki(today())}、陽性）$`));
  assert.equal(await item(14), wareki(today()));
  assert.equal(await item(16), wareki(daysAgo(1)));
  assert.equal(await item(17), '—');
  const labels = await page.locator('table.form-items th').allInnerTexts();
  assert.equal(labels.length, 19);
  assert.match(labels[0], /^1\s*診断（検案）した者（死体）の類型/);
  assert.match(labels[12], /^13\s*初診年月日/);
  assert.match(labels[18], /^19\s*その他感染症のまん延の防止及び当該者の医療のために医師が必要と認める事項/);
  await page.screenshot({ path: join(results, 'report-print-media.png'), fullPage: true });
  // Chromium's print to PDF: one A4 page (595 x 842 pt).
  const pdf = await page.pdf({ path: join(results, 'report.pdf'), preferCSSPageSize: true, printBackground: true });
  const raw = pdf.toString('latin1');
  const pages = raw.match(/\/Type\s*\/Page(?!s)/g) ?? [];
  assert.equal(pages.length, 1, 'one page');
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(raw);
  assert.ok(box, 'a media box');
  assert.ok(Math.abs(Number(box[1]) - 595) < 2 && Math.abs(Number(box[2]) - 842) < 2, `A4: ${box[1]} x ${box[2]}`);
  console.log(`# print: ${pages.length} page, ${box[1]} x ${box[2]} pt, ${pdf.length} bytes`);
  await page.emulateMedia({ media: 'screen' });
});

test('the clinic corrects a submitted report; the change is in the history', async () => {
  const page = clinic;
  await page.getByRole('link', { name: '戻る' }).click();
  await page.getByRole('heading', { name: /患者情報：検査 太郎/ }).waitFor();
  await page.getByRole('link', { name: '発生届を編集' }).first().click();
  await page.getByRole('heading', { name: '発生届の編集' }).waitFor();
  assert.equal(await page.getByLabel(/^氏名/).inputValue(), patient.name, 'the form is filled from the report');
  await page.getByLabel(/^職業/).fill('無職');
  await page.getByRole('button', { name: '確認' }).click();
  await page.getByRole('heading', { name: '入力内容の確認' }).waitFor();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await page.getByRole('tab', { name: '変更履歴' }).click();
  await page.getByRole('tabpanel').locator('tbody tr').nth(2).waitFor(); // filed, filed again, corrected
  assert.deepEqual(page.errors, []);
});

test('the health center finds the case, sees its tabs and confirms the report (REP-5, CASE-6)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-hc-tama');
  await page.getByRole('link', { name: '閲覧・編集' }).first().click();
  await page.getByLabel('氏名・フリガナ（部分一致）').fill('ケンサ');
  await page.getByRole('button', { name: '検索' }).click();
  await page.getByRole('link', { name: hersysId }).click();
  await page.getByRole('heading', { name: /患者情報：検査 太郎/ }).waitFor();
  await checkScreen(page, 'case-reports');
  const confirm = page.getByRole('button', { name: '保健所確認済にする' }).first();
  await confirm.click();
  await page.getByText('保健所確認済にしました。').waitFor();
  await page.locator('.badge.confirmed').first().waitFor();
  for (const [tab, screen] of [['ID管理', 'case-identity'], ['検査', 'case-tests'], ['居所', 'case-residences'], ['医療', 'case-medical'], ['記録', 'case-record'], ['変更履歴', 'case-history']]) {
    await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('tabpanel').waitFor();
    await checkScreen(page, screen);
  }
  // 記録: a status change is added to the log; 死亡 needs the date and place (CASE-5, issue 14).
  await page.getByRole('tab', { name: '記録' }).click();
  await page.getByRole('radio', { name: 'ステータスの変更' }).check();
  await page.getByLabel(/^新しいステータス/).selectOption({ label: '死亡' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.field.has-error').first().waitFor();
  await page.getByLabel(/^新しいステータス/).selectOption({ label: '自宅療養中' });
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('保存しました。').waitFor();
  await page.getByRole('link', { name: '現在のステータスが未入力の患者' }).click();
  await page.getByRole('heading', { name: '現在のステータスが未入力の患者' }).waitFor();
  await checkScreen(page, 'cases-no-status');
  assert.deepEqual(page.errors, []);
});

test('another clinic does not find the patient (ACL-1)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-clinic2');
  await page.getByRole('link', { name: '閲覧・編集' }).first().click();
  await page.getByLabel('氏名・フリガナ（部分一致）').fill('ケンサ');
  await page.getByRole('button', { name: '検索' }).click();
  await page.getByText('該当する患者はいません。').waitFor();
  await checkScreen(page, 'cases-search-empty');
});

test('the prefecture searches by the responsible health center (CASE-6)', async () => {
  const page = await openPage(env.browser, env.server);
  await signIn(page, env.server, 'demo-tokyo');
  await page.getByRole('link', { name: '閲覧・編集' }).first().click();
  await page.getByLabel('氏名・フリガナ（部分一致）').fill('ケンサ');
  const center = page.getByLabel('担当保健所');
  await center.selectOption({ label: '新宿区保健所（HC13-00002）' });
  await page.getByRole('button', { name: '検索' }).click();
  await page.getByText('該当する患者はいません。').waitFor();
  await center.selectOption({ label: '東京都多摩府中保健所（HC13-00001）' });
  await page.getByRole('button', { name: '検索' }).click();
  await page.getByRole('link', { name: hersysId }).waitFor();
  await checkScreen(page, 'cases-search-prefecture');
  assert.deepEqual(page.consoleErrors, []);
});

test('a draft is saved with only the name (REP-9) and deleted after confirmation (REP-8)', async () => {
  const page = clinic;
  await page.getByRole('link', { name: '発生届の提出前に使用' }).first().click();
  await page.getByRole('heading', { name: '発生届（提出前の一時保存）' }).waitFor();
  await page.getByLabel(/^氏名/).fill('下書 次郎');
  await page.getByRole('button', { name: '一時保存' }).click();
  await page.getByRole('heading', { name: '一時保存中の発生届' }).waitFor();
  await page.getByRole('row', { name: /下書 次郎/ }).getByRole('link', { name: '患者情報' }).click();
  await page.getByRole('heading', { name: /患者情報：下書 次郎/ }).waitFor();
  await page.getByRole('button', { name: '削除' }).click();
  const dialog = page.getByRole('dialog', { name: '発生届を削除しますか' });
  assert.equal(await dialog.getByRole('button', { name: '削除する' }).isDisabled(), true, 'needs the explicit confirmation');
  await checkScreen(page, 'report-delete');
  await dialog.getByLabel('元に戻せないことを理解しました').check();
  await dialog.getByRole('button', { name: '削除する' }).click();
  await page.getByText('発生届を削除しました。').waitFor();
  assert.deepEqual(page.errors, []);
});

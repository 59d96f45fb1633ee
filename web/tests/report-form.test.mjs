// The report form's inputs and the case search, at a desktop's and a phone's width (issue 19
// items 15, 16, 19, 21, 28): dates typed straight through as year / month / day (Tab, paste,
// 和暦), full-width digits folded and shown back, no SMS switch that sends nothing, the フリガナ
// from the input method's reading, and the search's order, total and paging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScreen, discardIfAsked, menuLink, noSidewaysScroll, openPage, signIn, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();
const widths = [1280, 390];
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
const ageOn = (birth, on) => Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
const part = (page, label, which) => page.getByLabel(`${label}（${which}）`, { exact: true });
const parts = async (page, label) => [await part(page, label, '年').inputValue(), await part(page, label, '月').inputValue(), await part(page, label, '日').inputValue()];

// One signed-in clinic page per width; the demo has two clinics (TOTP: one sign-in each per 30 s).
const pages = {};
async function clinicAt(width) {
  if (!pages[width]) {
    pages[width] = await openPage(env.browser, env.server, { viewport: { width, height: width < 600 ? 844 : 900 } });
    await signIn(pages[width], env.server, width < 600 ? 'demo-clinic2' : 'demo-clinic');
  }
  const page = pages[width];
  await menuLink(page, 'トップ');
  const task = page.getByRole('main').getByRole('link', { name: '新たに発生届を提出' });
  await discardIfAsked(page, task);
  await task.click();
  await page.getByRole('heading', { name: '発生届の新規登録' }).waitFor();
  return page;
}

async function paste(locator, text) {
  await locator.evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.focus();
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

for (const width of widths) {
  test(`dates are typed straight through: Tab goes on to the phone, paste and 和暦 work (issue 19 item 15, ${width} px)`, async () => {
    const page = await clinicAt(width);
    // Typed digits move on from year to month to day; Tab then leaves the date (the phone
    // number typed next was lost with the browser's date input).
    await part(page, '生年月日', '年').click();
    await page.keyboard.type('19560315');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0312345678');
    assert.deepEqual(await parts(page, '生年月日'), ['1956', '03', '15']);
    assert.equal(await page.getByLabel(/^電話番号/).inputValue(), '03-1234-5678'.replace(/-/g, ''), 'the phone typed after Tab is kept');
    await page.getByText('昭和31年').waitFor(); // the birth date in 和暦 too
    await page.getByText(`診断日時点で${ageOn('1956-03-15', today())}歳`).waitFor();
    // A whole date pasted or typed into any part, in the forms people use.
    for (const [text, expected] of [['2026-11-29', ['2026', '11', '29']], ['2026/11/29', ['2026', '11', '29']], ['20261129', ['2026', '11', '29']], ['令和8年11月29日', ['2026', '11', '29']], ['Ｒ８．１１．２９', ['2026', '11', '29']], ['平成元年1月8日', ['1989', '01', '08']]]) {
      await paste(part(page, '生年月日', '月'), text);
      assert.deepEqual(await parts(page, '生年月日'), expected, `pasted ${text}`);
    }
    await part(page, '発症年月日', '年').fill('令和8年11月29日');
    assert.deepEqual(await parts(page, '発症年月日'), ['2026', '11', '29'], 'typed 和暦');
    // The era chosen, then the era year: 昭和31年 = 1956.
    await page.getByLabel('生年月日（元号）').selectOption({ label: '昭和' });
    await part(page, '生年月日', '年').fill('31');
    await part(page, '生年月日', '月').fill('3');
    await part(page, '生年月日', '日').fill('15');
    await page.getByText(`診断日時点で${ageOn('1956-03-15', today())}歳`).waitFor();
    // Typed as S31 in the year: the era is taken from it.
    await page.getByLabel('生年月日（元号）').selectOption({ label: '西暦' });
    await part(page, '生年月日', '年').fill('S31');
    assert.equal(await page.getByLabel('生年月日（元号）').inputValue(), 'showa');
    assert.equal(await part(page, '生年月日', '年').inputValue(), '31');
    // Backspace in an empty part goes back.
    await part(page, '生年月日', '日').fill('');
    await part(page, '生年月日', '日').press('Backspace');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), '生年月日（月）');
    await checkScreen(page, `report-dates-${width}`);
    await noSidewaysScroll(page, `report form at ${width} px`);
  });

  test(`full-width postal codes and phone numbers are folded and shown back (issue 19 item 16, ${width} px)`, async () => {
    const page = await clinicAt(width);
    await page.getByLabel(/^郵便番号（住民票）|^郵便番号/).first().fill('１８３－００５５');
    await page.getByLabel(/^電話番号/).fill('０９０ー１２３４ー５６７８');
    await page.getByLabel(/^住所（住民票）/).click(); // leaves the phone
    assert.equal(await page.getByLabel(/^郵便番号/).first().inputValue(), '183-0055');
    assert.equal(await page.getByLabel(/^電話番号/).inputValue(), '090-1234-5678');
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByRole('alert').waitFor();
    for (const name of ['patient-postal_code', 'patient-phone']) {
      assert.equal(await page.locator(`#f-${name}`).getAttribute('aria-invalid'), null, `${name} is valid`);
    }
    assert.doesNotMatch(await page.getByRole('alert').innerText(), /郵便番号|電話番号/);
  });

  test(`no SMS switch is offered while nothing sends it (issue 19 item 21, ${width} px)`, async () => {
    const page = await clinicAt(width);
    await page.getByLabel(/^氏名/).waitFor();
    assert.equal(await page.getByLabel('SMSで健康観察の案内を送る').count(), 0);
    assert.equal(await page.getByText('SMSで健康観察の案内を送る').count(), 0);
  });

  test(`the フリガナ follows the reading typed and stays as corrected (issue 19 item 28, ${width} px)`, async () => {
    const page = await clinicAt(width);
    const name = page.getByLabel(/^氏名/);
    const ime = (words) =>
      name.evaluate((el, words) => {
        const setValue = (v) => {
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, v);
          el.dispatchEvent(new Event('input', { bubbles: true }));
        };
        el.focus();
        for (const [reading, text] of words) {
          const before = el.value;
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
    await ime([['やまだ', '山田']]);
    assert.equal(await page.getByLabel(/^フリガナ/).inputValue(), 'ヤマダ');
    await page.getByText('氏名の読みから入力しました').waitFor();
    await page.getByLabel(/^フリガナ/).fill('ヤマタ'); // corrected by hand
    await ime([['はなこ', '花子']]);
    assert.equal(await page.getByLabel(/^フリガナ/).inputValue(), 'ヤマタ', 'a corrected フリガナ is left alone');
  });

  // issue 14 items 1 and 2 (REP-2, REP-3): a filled date retyped is replaced, not merged into
  // (2026-11-20 retyped as 20261125 gave 2022-11-26); a date far before the diagnosis is
  // pointed out on the review; a patient outside the reporting scope is filed only with the
  // explicit tick, which is not one of the skippable empty fields.
  test(`a filled date retyped is replaced; out of scope needs its own tick (issue 14 items 1, 2, ${width} px)`, async () => {
    const page = await clinicAt(width);
    const onset = part(page, '発症年月日', '年');
    await onset.click();
    await page.keyboard.type('20261120');
    assert.deepEqual(await parts(page, '発症年月日'), ['2026', '11', '20']);
    await onset.click(); // back into the filled year box: typing replaces it
    await page.keyboard.type('20261125');
    assert.deepEqual(await parts(page, '発症年月日'), ['2026', '11', '25']);
    await part(page, '発症年月日', '月').click(); // the month alone
    await page.keyboard.type('10');
    assert.deepEqual(await parts(page, '発症年月日'), ['2026', '10', '25']);
    // A full box with the caret at its end: the digit typed starts it again.
    await part(page, '発症年月日', '日').focus();
    await page.keyboard.press('End');
    await page.keyboard.type('3');
    assert.deepEqual(await parts(page, '発症年月日'), ['2026', '10', '3']);

    // A 46-year-old without risk: out of scope. The onset typed four years back.
    await page.getByLabel(/^氏名/).fill(`対象外 ${width}`);
    await page.getByLabel(/^診断した医師の氏名/).fill('府中 一郎');
    await page.getByRole('radio', { name: '女' }).check();
    await part(page, '生年月日', '年').fill('1980-04-01');
    await page.getByLabel(/^住所（住民票）/).fill('東京都府中市宮町1-1-1');
    // Items 8 and 18: a country code in lower case, a postal code without its hyphen.
    await page.getByLabel(/^郵便番号/).first().fill('１８３００５５');
    await page.getByLabel(/^国籍/).fill('us');
    await page.getByLabel(/^住所（住民票）/).click();
    assert.equal(await page.getByLabel(/^郵便番号/).first().inputValue(), '183-0055');
    assert.equal(await page.getByLabel(/^国籍/).inputValue(), 'US');
    const fourYearsAgo = `${Number(today().slice(0, 4)) - 4}${today().slice(4)}`;
    await part(page, '発症年月日', '年').fill(fourYearsAgo);
    await page.getByRole('checkbox', { name: '発熱' }).check();
    await page.getByRole('button', { name: 'PCR陽性（鼻咽頭）' }).click();
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByRole('heading', { name: '入力内容の確認' }).or(page.locator('.error-summary')).first().waitFor();
    if (await page.locator('.error-summary').count()) assert.fail(await page.locator('.error-summary').innerText());
    assert.match(await page.locator('.alert-warning').first().innerText(), /発症年月日が診断日の\d+日前/);
    assert.doesNotMatch(await page.locator('section.skip-notes').innerText(), /届出の対象外/, 'not a skippable empty field');
    const tick = page.getByRole('checkbox', { name: '届出の対象外の患者ですが、届け出る' });
    assert.equal(await tick.isChecked(), false);
    await page.getByRole('button', { name: '報告' }).click();
    await page.locator('#scope-confirm-error').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'scope-confirm');
    assert.equal(await page.getByRole('heading', { name: '入力内容の確認' }).count(), 1, 'nothing filed');
    await checkScreen(page, `report-out-of-scope-${width}`);
    await tick.check();
    await page.getByRole('button', { name: '報告' }).click();
    await page.getByRole('heading', { name: '報告しました' }).waitFor();
  });
}

// Cases filed through the API (as the form does), enough for a second page of results.
async function fileMany(page, count) {
  await page.evaluate(async (count) => {
    const me = await (await fetch('/api/v1/auth/me')).json();
    const post = (path, body) => fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: JSON.stringify(body) });
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    for (let i = 0; i < count; i++) {
      const kana = `ケンサク ${'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホ'[i % 30]}${'マミムメモ'[Math.floor(i / 30)]}`;
      const body = {
        diagnosis_class: 'confirmed', symptoms: ['fever'], onset_date: today, diagnosis_date: today, doctor_name: '府中 一郎',
        tests: [{ method: 'pcr', specimen: 'nasopharyngeal', result: 'positive', collected_on: today }],
        patient: { name: `検索 ${i}`, kana, sex: 'male', birth_date: `19${40 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, address: '東京都府中市宮町1-1-1', nationality: 'JP' },
      };
      const check = await (await post('/api/v1/reports/check', body)).json();
      // The empty fields, and (as the review's own tick does) filing out of scope (issue 14 item 2).
      body.acknowledged = check.errors.filter((e) => e.code === 'not_entered' || e.code === 'out_of_scope').map((e) => e.field);
      const r = await post('/api/v1/reports', { ...body, submit: true });
      if (!r.ok) throw new Error(`filing ${i}: ${r.status} ${await r.text()}`);
    }
  }, count);
}

test('the search sorts as it says, shows the total, and 次へ goes to the top of the next page (issue 19 item 19, CASE-6)', async () => {
  const clinic = await clinicAt(1280);
  await fileMany(clinic, 45);
  for (const [width, login] of [[1280, 'demo-hc-tama'], [390, 'demo-tokyo']]) {
    const page = await openPage(env.browser, env.server, { viewport: { width, height: width < 600 ? 844 : 900 } });
    await signIn(page, env.server, login);
    await page.getByRole('link', { name: '閲覧・編集' }).first().click();
    const dates = () => page.locator('section[aria-labelledby="results-title"] tbody tr td:nth-child(5)').allInnerTexts();
    for (const [order, sorted] of [['報告日の古い順', (a, b) => a <= b], ['報告日の新しい順', (a, b) => a >= b]]) {
      await page.getByLabel('並び順').selectOption({ label: order });
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/patients/search')), page.getByRole('button', { name: '検索' }).click()]);
      await page.locator('section[aria-labelledby="results-title"]:not([aria-busy])').waitFor();
      await page.getByText(/^全\d+件中 1〜\d+件目$/).waitFor();
      const shown = await dates();
      assert.ok(shown.length > 1);
      for (let i = 1; i < shown.length; i++) assert.ok(sorted(shown[i - 1], shown[i]), `${order}: ${shown[i - 1]} then ${shown[i]}`);
      assert.ok(shown.every((d) => /^\d{4}\/\d{2}\/\d{2}$/.test(d)), 'dates in the one style');
    }
    const total = Number(/^全(\d+)件中/.exec(await page.getByText(/^全\d+件中/).innerText())[1]);
    assert.ok(total > 50, `a second page (${total})`);
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByText(new RegExp(`^全${total}件中 51〜`)).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'results-title');
    const top = await page.locator('#results-title').evaluate((e) => e.getBoundingClientRect().top);
    const atEnd = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1);
    assert.ok(top > -1 && (top < 100 || atEnd), `the results heading is at the top, as far as the page scrolls (${top})`); // -1: sub-pixel scrolling
    await checkScreen(page, `cases-search-paged-${width}`);
    await page.close();
  }
});

// Browser tests' harness: a real `hersys serve` on a temporary SQLite database with the demo
// organisations, Debian's chromium driven by playwright-core, TOTP codes computed here, axe-core
// on every screen, and screenshots in web/test-results/ for review.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const hersys = process.env.HERSYS_BIN ?? resolve(web, '../build/debug/hersys');
export const results = join(web, 'test-results');
mkdirSync(results, { recursive: true });

// Starts hersys with the demo data; `accounts` maps each demo login to its password and TOTP secret.
export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hersys-web-'));
  execFileSync(hersys, ['migrate', '--data-dir', dataDir, '--log-level', 'warn']);
  const demo = execFileSync(hersys, ['demo', '--data-dir', dataDir, '--patients', '20', '--log-level', 'warn'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const accounts = {};
  for (const [, login, password, secret] of demo.matchAll(/^\s+(demo-\S+)\s+(\S+)\s+TOTP (\S+)/gm)) accounts[login] = { password, secret };
  assert.ok(accounts['demo-clinic'], `demo accounts not found in:\n${demo}`);
  const server = spawn(hersys, ['serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--web-root', process.env.HERSYS_WEB_ROOT ?? join(web, 'dist'), '--workers', '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`hersys did not start:\n${log}`)), 20000);
    const read = (chunk) => {
      log += chunk;
      const match = /serving (https:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`hersys exited (${code}):\n${log}`)));
  });
  return {
    url,
    accounts,
    dataDir,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

// RFC 6238 (SHA-1, 6 digits, 30 s). The server refuses a step already used, and accepts one
// step ahead, so a second sign-in within the same 30 seconds uses the next step.
const usedSteps = new Map();
export function totp(secret) {
  const now = Math.floor(Date.now() / 30000);
  const step = Math.max(now, (usedSteps.get(secret) ?? -1) + 1);
  assert.ok(step <= now + 1, 'two TOTP sign-ins of one account within 30 s: use another account');
  usedSteps.set(secret, step);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// For a test file: one server and one browser, started before its tests (then `ready`, e.g.
// a page signed in for all of them) and stopped after.
export function serverAndBrowser(ready) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
    await ready?.(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage', '--lang=ja-JP'],
  });
}

// A fresh browser profile (its own cookies) at 1280 px, in Japanese. Console and page errors
// are kept: `errors` leaves out the browser's own lines for answered API errors (a 422 with
// field errors is the API speaking), `consoleErrors` has every line (the happy paths: none).
export async function openPage(browser, server, options = {}) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ja-JP', viewport: options.viewport ?? pc, timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  page.errors = [];
  page.consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    page.consoleErrors.push(m.text());
    if (!/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) page.errors.push(m.text());
  });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.setDefaultTimeout(10000);
  await page.goto(server.url);
  return page;
}

// Signs in with password and the authenticator code (the demo accounts have TOTP set up).
export async function signIn(page, server, login, { screens } = {}) {
  const { password, secret } = server.accounts[login];
  await page.getByLabel('ログインID').fill(login);
  await page.getByLabel(/^パスワード/).fill(password);
  if (screens) await checkScreen(page, 'sign-in');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: '確認コードの入力' }).waitFor();
  await page.getByLabel('確認コード（6桁）').fill(totp(secret));
  if (screens) await checkScreen(page, 'sign-in-code');
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByRole('heading', { name: 'トップ' }).waitFor();
}

// The sign-in codes sent "by SMS" or voice, newest first: without an SMS provider they stay in
// the outbox, where the operator's `hersys outbox list` shows them.
export function sentCodes(server) {
  const list = execFileSync(hersys, ['outbox', 'list', '--data-dir', server.dataDir, '--limit', '100', '--log-level', 'warn'], { encoding: 'utf8' });
  return [...list.matchAll(/確認コード: (\d{6})/g)].map((m) => m[1]);
}

const axeSource = readFileSync(join(web, 'node_modules/axe-core/axe.min.js'), 'utf8');

// The two widths every screen is checked at (issue 19 item 27): a phone and a PC.
export const phone = { width: 390, height: 844 };
export const pc = { width: 1280, height: 900 };

// axe-core on the screen as it is (WCAG 2.1 AA rules): no serious or critical violation. The
// script is evaluated through the debugging protocol, so the page's CSP stays in force.
async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  });
}

// Every screen at both widths: the screen as the test left it (its own width, saved as
// `<name>.png`), then at the other width (`<name>.390px.png` or `<name>.1280px.png`), each
// with axe and the layout checks (layoutProblems); the page is given back at its own width.
export async function checkScreen(page, name) {
  const own = page.viewportSize();
  const other = own.width <= phone.width ? pc : phone;
  await page.screenshot({ path: join(results, `${name}.png`), fullPage: true });
  const found = { [`${own.width} px`]: [...(await axeViolations(page)), ...(await layoutProblems(page))] };
  await page.setViewportSize(other);
  try {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(results, `${name}.${other.width}px.png`), fullPage: true });
    found[`${other.width} px`] = [...(await axeViolations(page)), ...(await layoutProblems(page))];
  } finally {
    await page.setViewportSize(own);
  }
  for (const [width, problems] of Object.entries(found)) assert.deepEqual(problems, [], `${name} at ${width}`);
}

// What does not fit the width (issue 19 item 27): sideways scrolling of the page
// (document.scrollingElement.scrollWidth > clientWidth); an element that cuts or scrolls its
// content sideways (overflow hidden, clip, auto or scroll with scrollWidth > clientWidth: a
// table whose 合計 is behind a scroll bar is cut too); and text squeezed to one or two
// characters a line (three lines or more of a text node, fewer than 2.5 characters a line).
export async function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const root = document.scrollingElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth}`);
    const describe = (e) => {
      const text = (e.innerText ?? e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `<${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}> "${text}"`;
    };
    // Visually hidden on purpose (.visually-hidden, a card table's header row): 1 px boxes.
    const hiddenOnPurpose = (e) => {
      for (let x = e; x; x = x.parentElement) {
        const style = getComputedStyle(x);
        if (x.matches('.visually-hidden, .skip') || (style.position === 'absolute' && style.clip !== 'auto')) return true;
      }
      return false;
    };
    for (const e of document.querySelectorAll('body *')) {
      if (['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'svg', 'IMG'].includes(e.tagName)) continue;
      if (e.getClientRects().length === 0 || hiddenOnPurpose(e)) continue;
      const style = getComputedStyle(e);
      if (['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1) problems.push(`cut: ${describe(e)} ${e.scrollWidth} px in ${e.clientWidth}`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = node.textContent.replace(/\s+/g, '');
      if (text.length < 3 || !node.parentElement || hiddenOnPurpose(node.parentElement)) continue;
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      if (lines >= 3 && text.length / lines < 2.5) problems.push(`squeezed to ${lines} lines: ${describe(node.parentElement)}`);
    }
    // Text drawn over other text (e.g. a label that wraps onto the next line of a card): the
    // line boxes of different text nodes that overlap. Inside an open dialog only, when there
    // is one (it covers the page on purpose); nothing fixed or sticky (it floats on purpose).
    const scope = document.querySelector('dialog[open]') ?? document.body;
    const floats = (e) => {
      for (let x = e; x && x !== document.body; x = x.parentElement) if (['fixed', 'sticky'].includes(getComputedStyle(x).position)) return true;
      return false;
    };
    const boxes = [];
    const texts = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
      const node = texts.currentNode;
      if (!node.textContent.trim() || !node.parentElement || hiddenOnPurpose(node.parentElement) || floats(node.parentElement)) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ node, r });
    }
    const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 4;
    for (let i = 0; i < boxes.length && problems.length < 20; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (boxes[i].node !== boxes[j].node && overlap(boxes[i].r, boxes[j].r)) {
          problems.push(`overlapping text: ${describe(boxes[i].node.parentElement)} and ${describe(boxes[j].node.parentElement)}`);
          break;
        }
      }
    }
    return problems;
  });
}

// Nothing on the page is wider than the window (phones are first-class: no sideways scrolling).
export async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: ${overflow} px wider than the window`);
}

// Counts what a user does: a click, a choice or a key outside typed text is one interaction.
export function interactions() {
  let count = 0;
  return {
    get count() {
      return count;
    },
    click: (locator) => (count++, locator.click()),
    check: (locator) => (count++, locator.check()),
    fill: (locator, text) => (count++, locator.fill(text)),
    press: (locator, key) => (count++, locator.press(key)),
  };
}

// After a navigation away from a form with edits the app asks before discarding them (issue 19
// item 17); a test that starts over on purpose discards them. Waits until the page has either
// arrived (`arrived` is visible) or asked, so there is no timing guess.
export async function discardIfAsked(page, arrived) {
  const discard = page.getByRole('button', { name: /変更を破棄して移動|Discard the changes and leave/ });
  await discard.or(arrived).first().waitFor();
  if (await discard.isVisible()) await discard.click();
  await arrived.waitFor();
}

// Follows a link of the menu, opening the menu first where it is behind a button (a phone).
export async function menuLink(page, name) {
  const button = page.getByRole('button', { name: /^(メニュー|Menu)$/ });
  if (await button.isVisible()) {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  }
  await page.getByRole('link', { name }).first().click();
}

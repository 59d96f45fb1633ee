// Every screen in both languages (issue 19 item 25): each message of every feature's
// messages.ts has a Japanese and an English text, neither empty, and every key the screens
// ask for exists - a literal t('key'), a menu item, a page title, and at least one key for
// each t(`prefix${code}`). The messages are loaded as the app loads them (Vite, no browser).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const vite = await createServer({ root: web, logLevel: 'silent', server: { middlewareMode: true, hmr: false }, appType: 'custom', optimizeDeps: { noDiscovery: true, include: [] } });
after(() => vite.close());
const { messageSets } = await vite.ssrLoadModule('/src/app/i18n.ts');

const sources = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

test('every message has a Japanese and an English text, neither empty (issue 19 item 25)', () => {
  const problems = [];
  const seen = new Map();
  for (const [feature, set] of Object.entries(messageSets)) {
    for (const [key, label] of Object.entries(set)) {
      if (!Array.isArray(label) || label.length !== 2) problems.push(`${feature}: ${key} is not [ja, en]`);
      else if (label.some((text) => typeof text !== 'string' || text.trim() === '')) problems.push(`${feature}: ${key} is empty in ${typeof label[0] !== 'string' || !label[0].trim() ? 'Japanese' : 'English'}`);
      if (seen.has(key) && JSON.stringify(seen.get(key)[1]) !== JSON.stringify(label)) problems.push(`${key} is defined differently in ${seen.get(key)[0]} and ${feature}`);
      seen.set(key, [feature, label]);
    }
  }
  assert.ok(seen.size > 300, `all message files were read (${seen.size} keys)`);
  assert.deepEqual(problems, []);
});

test('every message key the screens ask for exists in both languages (issue 19 item 25)', () => {
  const keys = new Set(Object.values(messageSets).flatMap((set) => Object.keys(set)));
  const missing = [];
  for (const file of sources(join(web, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const where = relative(web, file);
    const literal = [...text.matchAll(/\bt\(\s*'([^']+)'/g), ...text.matchAll(/\bkey: '([a-z_]+\.[a-z_.]+)'/g), ...text.matchAll(/\b(?:help|title): (?:[^?\n]*\? )?'([a-z_]+\.[a-z_.]+)'(?: : '([a-z_]+\.[a-z_.]+)')?/g)];
    for (const m of literal) for (const key of m.slice(1).filter(Boolean)) if (!keys.has(key)) missing.push(`${where}: '${key}'`);
    // Route titles: page('/path', <Screen />, 'key') or (q) => (... ? 'key' : 'key').
    for (const m of text.matchAll(/page\('[^']*', <\w+ \/>, ([^\n]+)\),/g)) for (const [, key] of m[1].matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) if (!keys.has(key)) missing.push(`${where}: title '${key}'`);
    for (const m of text.matchAll(/\bt\(\s*`([a-z_.]+)\$\{/g)) if (![...keys].some((k) => k.startsWith(m[1]))) missing.push(`${where}: no key starts with '${m[1]}'`);
  }
  assert.deepEqual(missing, []);
});

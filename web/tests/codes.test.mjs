// The codes the screens use (src/app/codes.ts) are generated from docs/openapi.yaml: the
// committed file must be what the document generates, and a drifted copy must be caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = (...args) => spawnSync(process.execPath, [join(web, 'tools/gen-codes.mjs'), '--check', ...args], { encoding: 'utf8' });

test('src/app/codes.ts is what docs/openapi.yaml generates (npm run check-codes)', () => {
  const run = check();
  assert.equal(run.status, 0, run.stderr);
});

test('a codes file that differs from the document is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-codes-'));
  try {
    const drifted = join(dir, 'codes.ts');
    writeFileSync(drifted, readFileSync(join(web, 'src/app/codes.ts'), 'utf8').replace("'awaiting_admission', ", ''));
    const run = check('--out', drifted);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /differs from what .*openapi\.yaml generates/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

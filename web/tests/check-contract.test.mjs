// The contract check itself (web/tools/check-contract.mjs, issue 19 item 13): it passes a
// document and answers that agree, and fails - naming why - on each way they can disagree: a
// null the schema does not allow, a status the operation does not list, a body where the
// document says none (and none where it says one), `nullable`, text in YAML flow style, an
// operation without the statuses every such operation answers, and an operation that disagrees
// with its route. Runs without a browser or a server (ctest contract.selftest; also with the
// browser tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const checker = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tools',
  'check-contract.mjs');

const ref = (name) => ({ $ref: `#/components/responses/${name}` });
const common = { 400: ref('Problem'), 413: ref('Problem'), 431: ref('Problem'), 503: ref('Problem') };
const guarded = { ...common, 401: ref('Problem'), 403: ref('Problem') };

// A small document in the shape of docs/openapi.yaml, and the routes that serve it.
function baseDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'test', version: '1' },
    paths: {
      '/api/v1/things/{id}': {
        get: {
          responses: {
            200: {
              description: 'A thing.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['name', 'status'],
                    properties: {
                      name: { type: 'string' },
                      status: { type: ['string', 'null'] },
                    },
                  },
                },
              },
            },
            ...guarded,
            404: ref('Problem'),
          },
        },
        put: {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          responses: { 200: { description: 'Done, no body.' }, ...guarded, 404: ref('Problem'),
            415: ref('Problem') },
        },
      },
      '/api/v1/open': {
        post: {
          security: [],
          requestBody: {
            required: false,
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          responses: { 200: ref('Problem'), ...common, 415: ref('Problem') },
        },
      },
    },
    components: {
      responses: {
        Problem: {
          description: 'A problem.',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['code', 'status'],
          properties: { code: { type: 'string' }, status: { type: 'integer' } },
        },
      },
    },
  };
}

const baseRoutes = () => [
  { method: 'GET', pattern: '/api/v1/things/{id}', access: 'signed_in', json_body: false,
    body_optional: false, io_thread: false },
  { method: 'PUT', pattern: '/api/v1/things/{id}', access: 'signed_in', json_body: true,
    body_optional: false, io_thread: false },
  { method: 'POST', pattern: '/api/v1/open', access: 'public', json_body: true,
    body_optional: true, io_thread: false },
];

const json = 'application/json';
const problem = 'application/problem+json';
const good = [
  { method: 'GET', target: '/api/v1/things/1', status: 200, content_type: json, length: 30,
    body: { name: 'a', status: null } },
  { method: 'GET', target: '/api/v1/things/2', status: 200, content_type: json, length: 30,
    body: { name: 'b', status: 'home' } },
  { method: 'GET', target: '/api/v1/things/0', status: 404, content_type: problem, length: 30,
    body: { code: 'not_found', status: 404 } },
  { method: 'PUT', target: '/api/v1/things/1', status: 200, content_type: '', length: 0 },
  { method: 'PUT', target: '/api/v1/things/1', status: 413, content_type: problem, length: 30,
    body: { code: 'payload_too_large', status: 413 } },
  { method: 'GET', target: '/api/v1/things/1', status: 431, content_type: problem, length: 30,
    body: { code: 'header_too_large', status: 431 } },
];

// Runs the checker on a document (an object, or YAML text as written) and exchanges.
function check({ document = baseDocument(), exchanges = good, routes = baseRoutes() } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'check-contract-'));
  try {
    const docPath = path.join(dir, 'openapi.yaml');
    writeFileSync(docPath, typeof document === 'string' ? document : YAML.stringify(document));
    const recorded = path.join(dir, 'recorded');
    spawnSync('mkdir', [recorded]);
    writeFileSync(path.join(recorded, '1.jsonl'),
      exchanges.map((x) => JSON.stringify(x)).join('\n') + '\n');
    if (routes) writeFileSync(path.join(recorded, 'routes.json'), JSON.stringify(routes));
    const run = spawnSync(process.execPath, [checker, recorded, docPath], { encoding: 'utf8' });
    return { code: run.status, out: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertFails(result, pattern) {
  assert.equal(result.code, 1, result.out);
  assert.match(result.out, pattern);
}

test('a document and answers that agree pass', () => {
  const result = check();
  assert.equal(result.code, 0, result.out);
  assert.match(result.out, /all conform/);
});

test('a null where the schema does not allow null fails', () => {
  assertFails(check({ exchanges: [{ method: 'GET', target: '/api/v1/things/1', status: 200,
    content_type: json, length: 20, body: { name: null, status: null } }] }),
  /FAIL GET \/api\/v1\/things\/\{id\} 200 .*\/name must be string/);
});

test('a status the operation does not list fails', () => {
  assertFails(check({ exchanges: [{ method: 'PUT', target: '/api/v1/things/1', status: 409,
    content_type: problem, length: 30, body: { code: 'changed_meanwhile', status: 409 } }] }),
  /status 409 not documented for PUT \/api\/v1\/things\/\{id\}/);
});

test('a body where the document says none fails, with or without a Content-Type', () => {
  for (const content_type of [json, '']) {
    assertFails(check({ exchanges: [{ method: 'PUT', target: '/api/v1/things/1', status: 200,
      content_type, length: 12, body: { done: true } }] }),
    /the response has a body .* but the document describes none/);
  }
});

test('no body where the document describes one fails', () => {
  assertFails(check({ exchanges: [{ method: 'GET', target: '/api/v1/things/1', status: 200,
    content_type: json, length: 0 }] }), /no body, but the document describes application\/json/);
});

test('nullable in the document fails', () => {
  const document = baseDocument();
  document.paths['/api/v1/things/{id}'].get.responses[200].content[json].schema.properties.name =
    { type: 'string', nullable: true };
  assertFails(check({ document }), /`nullable` is OpenAPI 3.0/);
});

test('text in YAML flow style fails, also when a comma has cut it', () => {
  const text = YAML.stringify(baseDocument()).replace(
    /( +)name:\n +type: string\n/,
    '$1name: {type: string, description: The name, as typed}\n');
  assert.match(text, /description: The name, as typed/);
  const result = check({ document: text });
  assertFails(result, /description in a YAML flow mapping/);
  assert.match(result.out, /the flow-mapping key "as typed" has no value/);
  const quoted = text.replace('{type: string, description: The name, as typed}',
    '{type: string, example: "Taro Yamada"}');
  assert.equal(check({ document: quoted }).code, 0);
  const unquoted = text.replace('{type: string, description: The name, as typed}',
    '{type: string, example: Taro Yamada}');
  assertFails(check({ document: unquoted }), /unquoted text "Taro Yamada" in YAML flow style/);
});

test('an operation without a status every such operation answers fails', () => {
  for (const [status, method] of [['413', 'get'], ['401', 'get'], ['404', 'get'], ['415', 'put'],
    ['503', 'put'], ['400', 'put']]) {
    const document = baseDocument();
    delete document.paths['/api/v1/things/{id}'][method].responses[status];
    const exchanges = good.filter((x) => String(x.status) !== status);
    assertFails(check({ document, exchanges }),
      new RegExp(`document ${method.toUpperCase()} /api/v1/things/\\{id\\}.*status ${status} not listed`));
  }
});

test('a range or default instead of statuses fails', () => {
  const document = baseDocument();
  document.paths['/api/v1/things/{id}'].get.responses.default = ref('Problem');
  assertFails(check({ document }), /response "default": list each status/);
});

test('an operation that disagrees with its route fails', () => {
  let routes = baseRoutes();
  routes[2].body_optional = false;
  assertFails(check({ routes }), /requestBody is optional, but its route refuses a request without one/);

  routes = baseRoutes();
  routes[0].json_body = true;
  assertFails(check({ routes }), /GET \/api\/v1\/things\/\{id\}.*its route reads a JSON body/);

  routes = baseRoutes();
  routes[2].access = 'signed_in';
  assertFails(check({ routes }), /says `security: \[\]` but its route needs a session/);

  routes = baseRoutes();
  routes.push({ method: 'DELETE', pattern: '/api/v1/things/{id}', access: 'signed_in',
    json_body: false, body_optional: false, io_thread: false });
  assertFails(check({ routes }), /DELETE \/api\/v1\/things\/\{id\}.*routed but not documented/);

  routes = baseRoutes();
  routes[0].io_thread = true;
  assertFails(check({ routes }), /lists 503, but its route runs on the I\/O thread/);
});

test('the route table must have been recorded', () => {
  assertFails(check({ routes: null }), /routes\.json .*missing/);
});

#!/usr/bin/env node
// The response contract check (issue 13): every JSON answer the C++ HTTP tests received must be
// what docs/openapi.yaml says that operation answers with that status.
//
//   node web/tools/check-contract.mjs DIR [OPENAPI.yaml]
//
// DIR holds the exchanges the tests recorded (tests/test_support.cpp's send(), one JSON line per
// exchange in DIR/<pid>.jsonl: method, target, status, content_type, length, body) and the
// server's route table (DIR/routes.json, written by SystemApiTest's
// WritesTheRouteTableForTheOpenApiCheck). The document defaults to docs/openapi.yaml of this
// repository. Exit 0 when the document and every checked exchange conform, 1 when one does not
// (one line per failing rule, or per failing method, path template and status), 2 on a usage
// error.
//
// The document itself (issue 19 item 13), before any exchange:
// - OpenAPI 3.1 only: `nullable` is refused anywhere (3.1 says `type: [X, "null"]`).
// - Text is never in YAML flow style: a flow mapping holding description, summary or title, an
//   unquoted scalar with spaces inside a flow collection, and a flow-mapping key without a value
//   (what is left of a text cut at a comma) are refused with their line.
// - Every status is listed exactly: response keys are status codes (no `default`, no `4XX`).
//   Every operation lists 400 (malformed request), 413 and 431 (answered before routing, so by
//   every operation); 401 and 403 unless `security: []`; 415 when it has a requestBody; 404 when
//   its path has a parameter; 503 unless its route runs on the I/O thread (where nothing queues).
// - Each operation agrees with its route in routes.json: a requestBody exactly when the route
//   reads a JSON body, `required: true` exactly when the route does not take a missing body as
//   {}, `security: []` exactly for public routes, and every route documented and every
//   operation routed.
//
// Which exchanges are checked:
// - The path (query dropped, trailing slash ignored, segments percent-decoded, as the router
//   matches) must match a path template of the document; a literal segment wins over a
//   `{parameter}`, as in OpenAPI. Other paths are skipped: static files, the browser app, and
//   `/api/v1/...` paths the document lacks, which the server answers 404 without an operation
//   (a route missing from the document is system_api_test's OpenAPI test's to catch).
// - HEAD is checked as the GET operation (status and content type; it has no body). A method the
//   path does not document is skipped: the router answers 405 (with Allow) before any operation.
// - Everything else is the operation's answer and is checked, including the server's 400, 413
//   and 431 before routing, the pipeline's 400 invalid_json and 415 for operations taking a JSON
//   body and the guard's 401 and 403: the status must be listed for the operation, otherwise
//   "status N not documented for METHOD PATH".
// - The response's media type (Content-Type without parameters) must be one of that response's
//   `content`; a response with a body (a Content-Type, or a length above 0) but no `content`
//   fails, and so does a documented body the server did not send. JSON bodies
//   (application/json, application/problem+json) are validated with Ajv (JSON Schema 2020-12)
//   against the media type's schema, so a null where the schema does not allow null fails.
// - Stricter than plain JSON Schema, so that the document names every field a client can get:
//   an object schema that lists `properties` and says nothing about additional properties is
//   closed where it is used (unevaluatedProperties: false), so a field the server sends and the
//   document does not describe fails ("must NOT have unevaluated properties").
// Skipped exchanges with a problem+json body are still validated against
// components/schemas/Problem.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const [dir, openapiPath = path.join(here, '..', '..', 'docs', 'openapi.yaml')] =
  process.argv.slice(2);
if (!dir) {
  console.error('usage: node web/tools/check-contract.mjs DIR [OPENAPI.yaml]');
  process.exit(2);
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SCHEMA_BASE = 'https://hersys.invalid/openapi.json';

const docText = readFileSync(openapiPath, 'utf8');
const doc = YAML.parse(docText);

const failures = new Map(); // key -> {count, message, example}
function fail(key, message, body) {
  const entry = failures.get(key) ?? { count: 0, message, example: body };
  entry.count += 1;
  failures.set(key, entry);
}

// --- The document itself -----------------------------------------------------------------------

const lineOf = (offset) => docText.slice(0, offset).split('\n').length;
const TEXT_KEYS = new Set(['description', 'summary', 'title']);
YAML.visit(YAML.parseDocument(docText), {
  Pair(_, pair) {
    if (YAML.isScalar(pair.key) && pair.key.value === 'nullable') {
      fail(`document line ${lineOf(pair.key.range[0])} (nullable)`,
        '`nullable` is OpenAPI 3.0; this document is 3.1: write `type: [X, "null"]`');
    }
  },
  Map(_, map) {
    if (!map.flow) return;
    for (const pair of map.items) {
      const key = YAML.isScalar(pair.key) ? pair.key : null;
      if (key && TEXT_KEYS.has(key.value)) {
        fail(`document line ${lineOf(key.range[0])} (${key.value})`,
          `${key.value} in a YAML flow mapping ({…}): a comma in it ends it; write the mapping in block style`);
      }
      if (key && (pair.value === null || (YAML.isScalar(pair.value) && pair.value.value === null &&
          pair.value.source === undefined))) {
        fail(`document line ${lineOf(key.range[0])} (key without a value)`,
          `the flow-mapping key "${key.value}" has no value (a text cut at a comma?)`);
      }
    }
  },
  Scalar(_, scalar, path) {
    const parent = path[path.length - 1];
    const inFlow = path.some((node) => (YAML.isMap(node) || YAML.isSeq(node)) && node.flow);
    if (inFlow && scalar.type === 'PLAIN' && typeof scalar.value === 'string' &&
        /\s/.test(scalar.value) && !(YAML.isPair(parent) && parent.key === scalar)) {
      fail(`document line ${lineOf(scalar.range[0])} (unquoted text)`,
        `unquoted text "${scalar.value}" in YAML flow style: quote it or use block style`);
    }
  },
});

// Routes as the server registered them (routes.json), for comparing with the operations.
let routes = null;
try {
  routes = JSON.parse(readFileSync(path.join(dir, 'routes.json'), 'utf8'));
} catch (e) {
  if (e.code !== 'ENOENT') fail('routes.json', `unreadable: ${e.message}`);
}
if (routes === null) {
  fail('routes.json', `missing in ${dir}: the route table is written by SystemApiTest.` +
    'WritesTheRouteTableForTheOpenApiCheck (run the tests first)');
}
const routeOf = new Map((routes ?? []).map((r) => [`${r.method.toLowerCase()} ${r.pattern}`, r]));

const RESPONSE_NAMES = { 400: 'BadRequest', 401: 'Unauthenticated', 403: 'Forbidden',
  404: 'NotFound', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType', 431: 'HeadersTooLarge',
  503: 'Busy' };
// One failure per operation and rule (an operation may break several).
const docFail = (where, message) => fail(`${where}: ${message}`, null);

// Called once the helpers below are defined.
function checkOperations() {
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      const where = `document ${method.toUpperCase()} ${template}`;
      const listed = Object.keys(op.responses ?? {});
      for (const key of listed.filter((k) => !/^[1-5][0-9][0-9]$/.test(k))) {
        docFail(where, `response "${key}": list each status the operation answers, not a range or default`);
      }
      const route = routeOf.get(`${method} ${template}`);
      if (routes !== null && !route) docFail(where, 'documented but not routed (routes.json)');
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      const needed = [400, 413, 431];
      if (!isPublic) needed.push(401, 403);
      if (op.requestBody) needed.push(415);
      if (/\{[^}]+\}/.test(template)) needed.push(404);
      if (!route?.io_thread) needed.push(503);
      for (const status of needed.filter((s) => !listed.includes(String(s)))) {
        docFail(where, `status ${status} not listed (every such operation can answer it; ` +
          `"${status}": {$ref: "#/components/responses/${RESPONSE_NAMES[status]}"})`);
      }
      if (!route) continue;
      if (route.io_thread && listed.includes('503')) {
        docFail(where, 'lists 503, but its route runs on the I/O thread and is never queued');
      }
      if (isPublic !== (route.access === 'public')) {
        docFail(where, isPublic ? 'says `security: []` but its route needs a session'
          : 'needs a session or token, but its route is public: say `security: []`');
      }
      const body = op.requestBody ? deref(op.requestBody) : null;
      if (route.json_body && !body) docFail(where, 'its route reads a JSON body: document the requestBody');
      if (!route.json_body && body) docFail(where, 'documents a requestBody, but its route reads none');
      if (route.json_body && body && Boolean(body.required) === route.body_optional) {
        docFail(where, route.body_optional
          ? 'requestBody is required, but its route takes a missing body as {}: say required: false'
          : 'requestBody is optional, but its route refuses a request without one: say required: true');
      }
    }
  }
  for (const route of routes ?? []) {
    const method = route.method.toLowerCase();
    if (!doc.paths?.[route.pattern]?.[method]) {
      docFail(`document ${route.method} ${route.pattern}`, 'routed but not documented');
    }
  }
}

// --- Ajv: the 2020-12 dialect, strict, with OpenAPI's own keywords known -------------------

// Strict (unknown keywords and formats are errors), except:
// - strictTypes: closing an object puts unevaluatedProperties beside a $ref, whose type is the
//   referenced schema's, and Ajv's type check does not look through $ref;
// - strictRequired: `allOf: [{$ref: X}, {required: [...]}]` requires properties that X defines,
//   the document's way to say that a response always has fields a request may leave out.
// Union types (`type: [string, "null"]`) are OpenAPI 3.1's way to say null.
const ajv = new Ajv2020({
  strict: true,
  strictTypes: false,
  strictRequired: false,
  allowUnionTypes: true,
});
// OpenAPI 3.1's additions to JSON Schema (and keywords of its Schema Object): annotations only.
// (`deprecated` is already an annotation of JSON Schema 2020-12's meta-data vocabulary.)
for (const keyword of ['example', 'discriminator', 'xml', 'externalDocs', 'deprecated']) {
  if (!ajv.RULES.keywords[keyword]) ajv.addKeyword(keyword);
}
// The formats the document uses, checked exactly (a real calendar date; RFC 3339 date-time).
const isDate = (s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};
ajv.addFormat('date', isDate);
ajv.addFormat('date-time', (s) => {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
  return !!m && isDate(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] < 61;
});
ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$/);

// JSON pointer into the document (for $ref to components/responses).
function resolvePointer(ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw.replaceAll('~1', '/').replaceAll('~0', '~'));
    node = node?.[key];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node;
}
const deref = (node) => {
  const seen = new Set();
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new Error(`$ref cycle at ${node.$ref}`);
    seen.add(node.$ref);
    node = resolvePointer(node.$ref);
  }
  return node;
};

// Does a schema describe an object by its properties (following $ref and composition)?
function describesProperties(schema, seen = new Set()) {
  if (!schema || typeof schema !== 'object') return false;
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return false;
    seen.add(schema.$ref);
    return describesProperties(resolvePointer(schema.$ref), seen);
  }
  if ('additionalProperties' in schema || 'unevaluatedProperties' in schema) return false;
  if (schema.properties) return true;
  return ['allOf', 'oneOf', 'anyOf'].some((k) =>
    (schema[k] ?? []).some((s) => describesProperties(s, seen)),
  );
}

// A copy of `schema` for Ajv: component refs point into the schema holding the components, and
// every place that holds a whole value (the body, a property, an array item) is closed when it
// describes properties. Branches of allOf, oneOf and anyOf stay open: the place holding the
// whole value closes it, and unevaluatedProperties there sees what the branches that matched
// evaluated (so an allOf part may describe some fields, another part the rest).
function forAjv(schema, whole) {
  if (Array.isArray(schema)) return schema.map((s) => forAjv(s, false));
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith('#/components/schemas/')) {
        throw new Error(`a schema may only $ref components/schemas: ${value}`);
      }
      out.$ref = `${SCHEMA_BASE}#/$defs/${value.slice('#/components/schemas/'.length)}`;
    } else if (key === 'properties' || key === 'patternProperties' || key === '$defs') {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, forAjv(s, true)]),
      );
    } else if (['items', 'additionalProperties', 'contains'].includes(key)) {
      out[key] = forAjv(value, true);
    } else if (key === 'prefixItems') {
      out[key] = value.map((s) => forAjv(s, true));
    } else if (['allOf', 'oneOf', 'anyOf'].includes(key)) {
      out[key] = value.map((s) => forAjv(s, false));
    } else if (['if', 'then', 'else', 'not'].includes(key)) {
      out[key] = forAjv(value, false);
    } else {
      out[key] = value; // keywords whose values are not schemas (enum, const, example …)
    }
  }
  if (whole && describesProperties(schema)) out.unevaluatedProperties = false;
  return out;
}

const components = doc.components?.schemas ?? {};
ajv.addSchema({
  $id: SCHEMA_BASE,
  $defs: Object.fromEntries(Object.entries(components).map(([k, s]) => [k, forAjv(s, false)])),
});
const validators = new Map();
function validatorFor(key, schema) {
  if (!validators.has(key)) validators.set(key, ajv.compile(forAjv(schema, true)));
  return validators.get(key);
}

// --- The document's operations ---------------------------------------------------------------

const templates = Object.keys(doc.paths ?? {}).map((template) => ({
  template,
  segments: template.split('/').filter(Boolean),
}));
const isParam = (segment) => /^\{[^}]+\}$/.test(segment);

// The path template of `pathname` that has `method`, most specific first; null when none.
function operationFor(method, pathname) {
  let segments;
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { status: 'bad-path' };
  }
  const matching = templates.filter(
    (t) =>
      t.segments.length === segments.length &&
      t.segments.every((s, i) => (isParam(s) ? segments[i] !== '' : s === segments[i])),
  );
  if (matching.length === 0) return { status: 'unknown-path' };
  const withMethod = matching.filter((t) => doc.paths[t.template][method]);
  if (withMethod.length === 0) return { status: 'unknown-method' };
  withMethod.sort((a, b) => {
    for (let i = 0; i < a.segments.length; ++i) {
      const d = Number(isParam(a.segments[i])) - Number(isParam(b.segments[i]));
      if (d !== 0) return d;
    }
    return 0;
  });
  const { template } = withMethod[0];
  return { status: 'ok', template, operation: doc.paths[template][method] };
}

// --- The exchanges ---------------------------------------------------------------------------

checkOperations();

let files;
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
} catch (e) {
  console.error(`check-contract: cannot read ${dir}: ${e.message}`);
  process.exit(2);
}

const covered = new Set();
const skipped = { 'unknown-path': 0, 'unknown-method': 0, 'bad-path': 0 };
let checked = 0;

// The deepest error: under oneOf/anyOf, Ajv's first error is often only the first branch's.
function ajvMessage(errors) {
  const depth = (err) => err.instancePath.split('/').length;
  const e = errors.reduce((best, err) => (depth(err) > depth(best) ? err : best), errors[0]);
  const extra =
    e.params?.unevaluatedProperty ??
    e.params?.additionalProperty ??
    e.params?.missingProperty ??
    (e.params?.allowedValues ? e.params.allowedValues.join('|') : undefined);
  return `${e.instancePath || '(body)'} ${e.message}${extra !== undefined ? ` (${extra})` : ''}`;
}

const problemSchema = components.Problem ? { $ref: '#/components/schemas/Problem' } : null;

function checkExchange(x) {
  const method = x.method.toLowerCase();
  const pathname = x.target.split('?')[0];
  const media = (x.content_type ?? '').split(';')[0].trim().toLowerCase();
  const hasBody = 'body' in x || 'body_text' in x || x.length > 0;
  const found = operationFor(method === 'head' ? 'get' : method, pathname);
  if (found.status !== 'ok') {
    skipped[found.status] += 1;
    if (media === 'application/problem+json' && problemSchema && 'body' in x) {
      const validate = validatorFor('problem', problemSchema);
      if (!validate(x.body)) {
        fail(`${x.method} ${pathname} ${x.status} (not an operation's answer)`,
          `problem body: ${ajvMessage(validate.errors)}`, x.body);
      }
    }
    return;
  }
  const { template, operation } = found;
  const key = `${x.method} ${template} ${x.status}`;
  covered.add(`${method === 'head' ? 'GET' : x.method} ${template}`);
  checked += 1;
  const responses = operation.responses ?? {};
  const given = responses[String(x.status)];
  if (!given) {
    fail(key, `status ${x.status} not documented for ${x.method} ${template}`, x.body ?? x.body_text);
    return;
  }
  const response = deref(given);
  const content = response.content;
  if (!content) {
    if (hasBody || (x.content_type && method !== 'head')) {
      fail(key, `the response has a body (${x.content_type}) but the document describes none`,
        x.body ?? x.body_text);
    }
    return;
  }
  if (!x.content_type || (x.length === 0 && method !== 'head')) {
    fail(key, `no body, but the document describes ${Object.keys(content).join(', ')}`);
    return;
  }
  const mediaKey = Object.keys(content).find((k) => k.toLowerCase() === media);
  if (!mediaKey) {
    fail(key, `content type ${media} not documented (document: ${Object.keys(content).join(', ')})`,
      x.body ?? x.body_text);
    return;
  }
  if ('body_text' in x) {
    fail(key, `the ${media} body is not JSON`, x.body_text);
    return;
  }
  const schema = content[mediaKey].schema;
  if (!schema || !('body' in x)) return;
  const responsePointer = given.$ref ?? `${template} ${method} ${x.status}`;
  let validate;
  try {
    validate = validatorFor(`${responsePointer} ${mediaKey}`, schema);
  } catch (e) {
    fail(key, `the document's schema does not compile: ${e.message}`);
    return;
  }
  if (!validate(x.body)) fail(key, ajvMessage(validate.errors), x.body);
}

for (const file of files) {
  const full = path.join(dir, file);
  if (!statSync(full).isFile()) continue;
  const lines = readFileSync(full, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let exchange;
    try {
      exchange = JSON.parse(line);
    } catch {
      fail(`${file}:${i + 1}`, 'unreadable record', line);
      return;
    }
    checkExchange(exchange);
  });
}

const truncate = (body, n = 300) => {
  if (body === undefined) return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > n ? `${text.slice(0, n)}…` : text;
};

const operations = Object.entries(doc.paths ?? {}).flatMap(([template, item]) =>
  METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${template}`));
const uncovered = operations.filter((o) => !covered.has(o));
for (const [key, { count, message, example }] of [...failures].sort()) {
  console.log(`FAIL ${key}${message === null ? '' : ` ×${count}: ${message}`}${example !== undefined ? `\n     body: ${truncate(example)}` : ''}`);
}
const skippedText = Object.entries(skipped).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ');
console.log(
  `check-contract: ${checked} exchanges checked from ${files.length} files, ` +
  `${covered.size} of ${operations.length} operations covered` +
  (uncovered.length && uncovered.length <= 5 ? ` (not ${uncovered.join(', ')})` : '') +
  (skippedText ? `; skipped ${skippedText}` : '') +
  (failures.size ? `; ${failures.size} failing` : '; all conform'),
);
process.exit(failures.size ? 1 : 0);

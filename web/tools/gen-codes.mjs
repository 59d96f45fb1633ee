// Generates src/app/codes.ts, the codes the screens use, from the enums of docs/openapi.yaml,
// the document the server is tested against: one source for both sides.
//
//   node tools/gen-codes.mjs           writes src/app/codes.ts   (npm run codes)
//   node tools/gen-codes.mjs --check   exits 1 when the committed file differs from what the
//                                      document generates        (npm run check-codes)
//   --out FILE                         another file than src/app/codes.ts (the drift test)
//
// Each code list names where it lives in the document (a JSON pointer); `enum` takes the
// schema's enum, `keys` its property names. A pointer that no longer leads to a list fails the
// generation, so renaming a schema cannot silently empty a list.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const documentPath = resolve(web, '../docs/openapi.yaml');
const outAt = process.argv.indexOf('--out');
const outputPath = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : resolve(web, 'src/app/codes.ts');

const schemas = '/components/schemas';
// [constant, type, pointer, what to take, comment]. Every list is a named enum schema of the
// document (the server's tests check those against its own name tables), except the yes/no
// capability flags and the daily report's two states, which the document spells as a const on
// each shape.
const lists = [
  ['stages', 'Stage', `${schemas}/Stage`, 'enum', 'sign-in stage of a session'],
  ['roles', 'Role', `${schemas}/Role`, 'enum', 'account role'],
  ['organisationKinds', 'OrganisationKind', `${schemas}/OrganisationKind`, 'enum', 'kind of organisation'],
  ['capabilityFlags', 'CapabilityFlag', `${schemas}/Capabilities/properties`, 'boolean keys', 'what the screens may offer (Me.may), the yes/no ones'],
  ['phoneChannels', 'PhoneChannel', `${schemas}/PhoneChannel`, 'enum', 'how a second-factor phone receives codes'],
  ['auditOutcomes', 'AuditOutcome', `${schemas}/AuditOutcome`, 'enum', 'outcome of an access-log record'],
  ['auditEventTypes', 'AuditEventType', `${schemas}/AuditEventType`, 'enum', 'what an access-log record (or a history version) records'],
  ['auditResourceTypes', 'AuditResourceType', `${schemas}/AuditResourceType`, 'enum', 'kind of record an access-log record concerns'],
  ['diagnosisClasses', 'DiagnosisClass', `${schemas}/DiagnosisClass`, 'enum', '診断類型'],
  ['statuses', 'Status', `${schemas}/Status`, 'enum', '療養状況'],
  ['sexes', 'Sex', `${schemas}/Sex`, 'enum', '性別'],
  ['testMethods', 'TestMethod', `${schemas}/TestMethod`, 'enum', '検査方法'],
  ['specimens', 'Specimen', `${schemas}/Specimen`, 'enum', '検体'],
  ['testResults', 'TestResult', `${schemas}/TestResult`, 'enum', '検査結果'],
  ['residenceKinds', 'ResidenceKind', `${schemas}/ResidenceKind`, 'enum', '居所の種別'],
  ['recordEntryKinds', 'RecordEntryKind', `${schemas}/RecordEntryKind`, 'enum', '記録の種類'],
  ['deathPlaces', 'DeathPlace', `${schemas}/DeathPlace`, 'enum', '死亡場所'],
  ['medicalOutcomes', 'MedicalOutcome', `${schemas}/MedicalOutcome`, 'enum', '転帰'],
  ['reportStates', 'ReportState', `${schemas}/ReportState`, 'enum', 'state of an occurrence report'],
  ['symptoms', 'Symptom', `${schemas}/Symptom`, 'enum', '症状'],
  ['riskFactors', 'RiskFactor', `${schemas}/RiskFactor`, 'enum', '重症化リスク因子'],
  ['dailyStates', 'DailyState', `${schemas}/DailyReport/oneOf`, 'const states', 'state of a daily report'],
  ['dailyChannels', 'DailyChannel', `${schemas}/DailyChannel`, 'enum', 'how a daily report reached HER-SYS'],
  ['dailyBrackets', 'DailyBracket', `${schemas}/DailyBracket`, 'enum', 'age bracket of the daily counts'],
  ['dailyAreas', 'DailyArea', `${schemas}/DailyAreaKind`, 'enum', 'whose sums the area view shows'],
  ['searchOrders', 'SearchOrder', `${schemas}/SearchOrder`, 'enum', 'order of the case search'],
  ['confirmations', 'Confirmation', `${schemas}/Confirmation`, 'enum', '保健所確認 of a case (issue 14)'],
  ['inboxFilters', 'InboxFilter', `${schemas}/InboxFilter`, 'enum', 'list of the inbox (REP-5)'],
  ['workbenchCountKinds', 'WorkbenchCountKind', `${schemas}/WorkbenchCountKind`, 'enum', 'number of the top page'],
];

function at(document, pointer) {
  let node = document;
  for (const part of pointer.split('/').slice(1)) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

// A pointer as a reader finds it: `Test`, `DailyReport/oneOf`.
function describe(pointer) {
  return pointer.slice(schemas.length + 1);
}

function codesOf(document, [constant, , pointer, take]) {
  const node = at(document, pointer);
  let codes;
  if (take === 'enum') codes = node?.enum;
  else if (take === 'keys' && node && typeof node === 'object') codes = Object.keys(node);
  else if (take === 'boolean keys' && node && typeof node === 'object') codes = Object.keys(node).filter((key) => node[key]?.type === 'boolean');
  else if (take === 'const states' && Array.isArray(node)) codes = node.map((shape) => at(document, shape.$ref?.slice(1) ?? '')?.properties?.state?.const);
  if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === 'string')) {
    throw new Error(`${constant}: no ${take} of strings at ${pointer} in ${relative(web, documentPath)}`);
  }
  return codes;
}

function generate(text) {
  const document = parse(text);
  const out = [
    `// Generated by tools/gen-codes.mjs from docs/openapi.yaml - do not edit; run \`npm run codes\`.`,
    `// The codes the screens use, as the API documents them; their labels are in the features'`,
    `// messages.ts, typed so that a code without a label does not compile.`,
  ];
  for (const list of lists) {
    const [constant, type, pointer, , comment] = list;
    const codes = codesOf(document, list);
    out.push('');
    out.push(`// ${comment} (${describe(pointer)})`);
    out.push(`export const ${constant} = [${codes.map((c) => `'${c}'`).join(', ')}] as const;`);
    out.push(`export type ${type} = (typeof ${constant})[number];`);
  }
  return `${out.join('\n')}\n`;
}

const wanted = generate(readFileSync(documentPath, 'utf8'));
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(outputPath, 'utf8');
  } catch {
    // missing: differs
  }
  if (committed !== wanted) {
    console.error(`${relative(web, outputPath)} differs from what ${relative(web, documentPath)} generates: run \`npm run codes\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${relative(web, outputPath)} matches ${relative(web, documentPath)}.`);
} else {
  writeFileSync(outputPath, wanted);
  console.log(`wrote ${relative(web, outputPath)}`);
}

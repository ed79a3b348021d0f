import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings } from '../../common/settings';
import { compileGlob, maxGlobLength } from '../../server/src/service/config/globPattern';
import { parseProjectConfig } from '../../server/src/service/config/parseProjectConfig';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { DiagnosticCode } from '../../server/src/service/diagnostics';
import { matchesFileGlob } from '../../server/src/service/payloads/fileGlob';
import { createWorkspaceContracts } from '../../server/src/workspace/workspaceContracts';
import { cpuTimed, cpuTimedAsync } from '../helpers/cpuTime';

const configUri = 'file:///project/api-error-contracts.json';
const redos = '*a*a*a*a*a*a*a*a*a*a*a*b';

function problems(text: string): [string, string, number, string][] {
  const document = TextDocument.create(configUri, 'jsonc', 0, text);
  return parseProjectConfig(text, configUri).diagnostics.map((each) => [
    String(each.code),
    document.getText(each.range),
    each.severity!,
    String(each.message),
  ]);
}

describe('globs in bounded time', () => {
  it('a glob that makes a backtracking matcher run for minutes answers at once', () => {
    const name = `${'a'.repeat(4000)}.json`;
    let matched: boolean | undefined;
    const { ms } = cpuTimed(() => {
      matched = compileGlob(redos).matches(name);
      matched ||= matchesFileGlob(`file:///p/${name}`, redos);
    });
    assert.equal(matched, false);
    // A backtracking matcher takes minutes; this one a few milliseconds.
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms of CPU time`);
  });

  it('matches like the usual globs, dot files included', () => {
    const cases: [string, string, boolean][] = [
      ['generated/**', 'generated', true],
      ['generated/**', 'generated/a/b.yaml', true],
      ['generated/**', 'generatedx', false],
      ['*.yaml', 'a/b.yaml', false],
      ['**/*.yaml', '.hidden/b.yaml', true],
      ['a/**/b', 'a/b', true],
      ['{api,docs}/*.json', 'docs/x.json', true],
      ['[!a]x', 'bx', true],
      ['[!a]x', 'ax', false],
      ['a/*', 'a/', false],
      ['a\\*b', 'a*b', true],
      ['a\\*b', 'axb', false],
      ['!generated/**', 'src/a.ts', true],
      ['./api/pets.yaml', 'api/pets.yaml', true],
    ];
    for (const [glob, file, expected] of cases)
      assert.equal(compileGlob(glob).matches(file), expected, `${glob} against ${file}`);
  });

  it('a payloads glob that cannot be compiled matches nothing instead of throwing on every document', () => {
    for (const glob of ['fixtures/{dam', 'fixtures/[z-a].json', 'x'.repeat(70_000)])
      assert.equal(matchesFileGlob('file:///p/fixtures/dam.json', glob), false);
  });
});

describe('config values checked where they are written', () => {
  it('a glob that cannot be used is reported at the pattern, and left out', () => {
    const long = `src/${'x'.repeat(maxGlobLength)}`;
    const text = `{
      "ignore": ["${long}", "dist/**"],
      "specs": ["api/{a,b.yaml"],
      "payloads": { "fixtures/[z-a]/**": "saleslayer-dam", "mocks/**": "claid" }
    }`;
    const found = problems(text);
    assert.deepEqual(
      found.map(([code, at]) => [code, at.length > 40 ? `${at.slice(0, 10)}…` : at]),
      [
        ['config-invalid-value', `"src/${'x'.repeat(5)}…`],
        ['config-invalid-value', '"api/{a,b.yaml"'],
        ['config-invalid-value', '"fixtures/[z-a]/**"'],
      ],
    );
    assert.match(found[0]![3], /1,028 characters long; a glob may have at most 1,024/);
    assert.match(found[1]![3], /`\{` at column 5 is never closed/);
    assert.match(found[2]![3], /`\[z-a\]` is an empty range/);
    assert.deepEqual(parseProjectConfig(text, configUri).config, {
      ignore: ['dist/**'],
      specs: [],
      payloads: { 'mocks/**': 'claid' },
    });
  });

  it('an unknown rule code is reported at the code, with the nearest one and the list', () => {
    const found = problems(
      '{ "rules": { "unhandled-statuss": "off", "unchecked-response": "off" } }',
    );
    assert.equal(found.length, 1);
    const [code, at, severity, message] = found[0]!;
    assert.deepEqual([code, at, severity], ['config-invalid-value', '"unhandled-statuss"', 2]);
    assert.match(
      message,
      /`unhandled-statuss` is not a diagnostic code \(did you mean `unhandled-status`\?\)/,
    );
    for (const each of Object.values(DiagnosticCode)) assert.ok(message.includes(`\`${each}\``));
  });

  it('an unknown built-in catalog id is reported at the id, with the built-in ones', () => {
    const found = problems('{ "catalogs": ["saleslayer-dm", "contracts/billing.json", "claid"] }');
    assert.equal(found.length, 1);
    const [code, at, , message] = found[0]!;
    assert.deepEqual([code, at], ['config-invalid-value', '"saleslayer-dm"']);
    assert.match(message, /did you mean `saleslayer-dam`/);
    for (const contract of getBuiltinContracts()) assert.ok(message.includes(`\`${contract.id}\``));
    assert.deepEqual(
      parseProjectConfig('{ "catalogs": ["saleslayer-dm", "claid"] }', configUri).config,
      { catalogs: ['claid'] },
    );
  });

  it('the shipped schema offers every rule code and built-in catalog id', () => {
    const schema = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../schemas/config.schema.json'), 'utf8'),
    ) as {
      properties: {
        rules: { properties: Record<string, unknown> };
        catalogs: { items: { examples: string[] } };
      };
    };
    assert.deepEqual(
      Object.keys(schema.properties.rules.properties).sort(),
      Object.values(DiagnosticCode).sort(),
    );
    assert.deepEqual(
      [...schema.properties.catalogs.items.examples].sort(),
      getBuiltinContracts()
        .map((contract) => contract.id)
        .sort(),
    );
  });
});

describe('a hostile config does not stop the workspace load', () => {
  let folder: string;
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    writeFileSync(path.join(folder, relative), text);
  };
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'aec-hostile-config-'));
    write(
      'api/pets.yaml',
      'openapi: 3.0.0\ninfo:\n  title: Pets\n  version: "1"\npaths:\n  /pets:\n    get:\n      responses:\n        "404":\n          description: No pets.\n',
    );
    write(`${'a'.repeat(200)}.yaml`, 'x: 1\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('a glob over 65,536 characters and a backtracking glob: the specs load, at once, and the pattern is reported', async () => {
    write(
      'api-error-contracts.json',
      JSON.stringify({ specs: ['api/*.yaml'], ignore: [redos, `x${'*'.repeat(70_000)}`] }),
    );
    const workspace = createWorkspaceContracts({ folders: [folder] });
    const { ms } = await cpuTimedAsync(() => workspace.load());
    assert.deepEqual(
      workspace.getContracts().map((contract) => contract.name),
      ['Pets'],
    );
    assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms of CPU time`);
    const configProblems = workspace.getProblems(
      pathToFileURL(path.join(folder, 'api-error-contracts.json')).href,
    );
    assert.deepEqual(
      configProblems.map((each) => each.code),
      ['config-invalid-value'],
    );
    const file = pathToFileURL(path.join(folder, `${'a'.repeat(200)}.yaml`)).href;
    assert.equal(workspace.applyConfig(file, defaultSettings).enable, true);
  });
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as prettier from 'prettier';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { getCodeStyle } from '../../server/src/service/code/codeActions/codeStyle';
import { typeCheck } from '../helpers/inMemoryProgram';

// Each folder of test/fixtures/fixes holds input.ts (or .js), case.json naming the call, the
// status and the title of the fix to apply, and expected.ts: the whole document after the fix;
// a package.json beside them is the project's manifest, read as the workspace reader would.
// UPDATE_FIXTURES=1 rewrites the expected files; review the diff. Every input is Prettier-clean at
// its own width, and so must every result be; every result type-checks at ES2019 (with erasable
// syntax only) and ES2022.

interface FixCase {
  /** Text at the start of the call the diagnostic is on. */
  call: string;
  status: number;
  /** Further statuses of the same call without a handler. */
  also?: number[];
  /** The start of the title of the action to apply. */
  action: string;
  /** Whether that action is the preferred one (default: not checked). */
  preferred?: boolean;
  /** Titles that must not be offered, by their start. */
  notOffered?: string[];
}

/**
 * ES2019 with the DOM, below ES2022, where `Error` takes no `cause`; and only TypeScript syntax
 * that erases to JavaScript (no parameter properties, no enums), as Node's type stripping runs it.
 */
const es2019: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2019,
  erasableSyntaxOnly: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2019.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  noEmit: true,
  types: [],
  skipLibCheck: true,
  allowJs: true,
};

/** Prettier's options for a file: its quotes and semicolons, and its width (widest line, at least 80). */
function prettierOptions(text: string, javascript: boolean): prettier.Options {
  const sourceFile = ts.createSourceFile('input.ts', text, ts.ScriptTarget.Latest, true);
  const style = getCodeStyle(sourceFile, !javascript);
  return {
    parser: javascript ? 'babel' : 'typescript',
    printWidth: Math.max(80, ...text.split('\n').map((line) => line.length)),
    singleQuote: style.quote === "'",
    semi: style.semicolons,
    useTabs: style.indentUnit === '\t',
    tabWidth: style.indentUnit === '\t' ? 2 : style.indentUnit.length,
  };
}

const fixturesRoot = path.resolve(__dirname, '../fixtures/fixes');
const update = process.env.UPDATE_FIXTURES === '1';
const contracts = createContractIndex(getBuiltinContracts());
const service = getLanguageService({ contracts });
const stubs = readFileSync(path.join(fixturesRoot, '..', 'httpClients.d.ts'), 'utf8');
const log = readFileSync(path.join(fixturesRoot, 'log.ts'), 'utf8');

function applyEdits(document: TextDocument, action: CodeAction): string {
  const edits = action.edit?.changes?.[document.uri];
  assert.ok(edits && edits.length > 0, `${action.title} has no edits`);
  return TextDocument.applyEdits(document, edits);
}

/** The fixture's other modules (`api.ts` beside `input.ts`), which the input imports. */
function modulesOf(folder: string): string[] {
  return readdirSync(folder).filter(
    (entry) => /\.[jt]s$/.test(entry) && !/^(input|expected)\./.test(entry),
  );
}

/**
 * The service for a fixture: one reading the folder as the project (its package.json, the modules
 * the input imports), as the workspace reader would, when the folder has more than the case.
 */
function serviceFor(folder: string, uri: string): LanguageService {
  const modules = modulesOf(folder);
  const hasManifest = existsSync(path.join(folder, 'package.json'));
  if (modules.length === 0 && !hasManifest) return service;
  const inFolder = (file: string): string | undefined => {
    const name = file.slice(new URL('.', uri).href.length);
    return name && !name.includes('/') && existsSync(path.join(folder, name))
      ? readFileSync(path.join(folder, name), 'utf8')
      : undefined;
  };
  return getLanguageService({
    contracts,
    projectFiles: {
      resolveModule: (fromUri, specifier) => {
        if (!specifier.startsWith('./')) return undefined;
        const candidate = new URL(`${specifier}.ts`, fromUri).href;
        return inFolder(candidate) === undefined ? undefined : candidate;
      },
      readFile: inFolder,
    },
  });
}

/** The unhandled-status and unchecked-response diagnostics the language service reports on the call starting with `call`. */
function reportedAt(document: TextDocument, call: string, service: LanguageService): Diagnostic[] {
  // A fix may break `ky.delete(` into a member chain, one call a line.
  const pattern = new RegExp(
    call.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\./g, '\\s*\\.'),
  );
  const start = pattern.exec(document.getText())?.index ?? -1;
  assert.ok(start >= 0, `no ${call} in the input`);
  return service
    .doValidation(document, defaultSettings)
    .filter(
      (diagnostic) =>
        (diagnostic.code === 'unhandled-status' || diagnostic.code === 'unchecked-response') &&
        document.offsetAt(diagnostic.range.start) === start,
    );
}

/** The statuses a diagnostic asks to handle: its own, or every status of a call that never looks. */
const statusesOf = (diagnostic: Diagnostic): number[] => {
  const data = diagnostic.data as { status?: number; statuses?: number[] };
  return data.statuses ?? [data.status!];
};

describe('quick fixes for unhandled-status (fixtures)', () => {
  for (const name of readdirSync(fixturesRoot).filter((entry) =>
    existsSync(path.join(fixturesRoot, entry, 'case.json')),
  )) {
    it(name, async () => {
      const folder = path.join(fixturesRoot, name);
      const javascript = existsSync(path.join(folder, 'input.js'));
      const extension = javascript ? 'js' : 'ts';
      const fixCase = JSON.parse(readFileSync(path.join(folder, 'case.json'), 'utf8')) as FixCase;
      const input = readFileSync(path.join(folder, `input.${extension}`), 'utf8');
      const document = TextDocument.create(
        `file:///work/fixes/${name}/input.${extension}`,
        javascript ? 'javascript' : 'typescript',
        1,
        input,
      );
      // The diagnostics the language service reports, with the data their fixes read.
      const statuses = [fixCase.status, ...(fixCase.also ?? [])];
      const service = serviceFor(folder, document.uri);
      const reported = reportedAt(document, fixCase.call, service);
      const diagnostics = [
        ...new Set(
          statuses.map((status) => {
            const found = reported.find((diagnostic) => statusesOf(diagnostic).includes(status));
            assert.ok(
              found,
              `${status} is reported on ${fixCase.call} (reported: ${reported.flatMap(statusesOf).join(', ') || 'none'})`,
            );
            return found;
          }),
        ),
      ];
      const actions = service.doCodeActions(
        document,
        diagnostics[0].range,
        { diagnostics },
        defaultSettings,
      );
      const titles = actions.map((candidate) => candidate.title).join(' | ');
      const action = actions.find((candidate) => candidate.title.startsWith(fixCase.action));
      assert.ok(action, `no "${fixCase.action}…" among: ${titles}`);
      if (fixCase.preferred !== undefined)
        assert.equal(!!action.isPreferred, fixCase.preferred, `${action.title} is preferred`);
      for (const absent of fixCase.notOffered ?? [])
        assert.ok(
          !actions.some((candidate) => candidate.title.startsWith(absent)),
          `"${absent}…" is not offered: ${titles}`,
        );
      const output = applyEdits(document, action);

      const expectedPath = path.join(folder, `expected.${extension}`);
      if (update || !existsSync(expectedPath)) writeFileSync(expectedPath, output);
      assert.equal(output, readFileSync(expectedPath, 'utf8'));

      const files = {
        '/virtual/httpClients.d.ts': stubs,
        '/virtual/log.ts': log,
        ...Object.fromEntries(
          modulesOf(folder).map((module) => [
            `/virtual/${module}`,
            readFileSync(path.join(folder, module), 'utf8'),
          ]),
        ),
        [`/virtual/input.${extension}`]: output,
      };
      assert.deepEqual(typeCheck(files), [], 'the fixed file type-checks');
      assert.deepEqual(typeCheck(files, es2019), [], 'the fixed file type-checks at ES2019');

      const options = prettierOptions(input, javascript);
      assert.equal(await prettier.format(input, options), input, 'the input is Prettier-clean');
      assert.equal(await prettier.format(output, options), output, 'the fix is Prettier-clean');
      const tooWide = output.split('\n').filter((line) => line.length > options.printWidth!);
      assert.deepEqual(tooWide, [], `no line over ${options.printWidth}`);

      // The fix makes the diagnostics it was asked for go away.
      const fixed = TextDocument.create(document.uri, document.languageId, 2, output);
      const remaining = reportedAt(fixed, fixCase.call, service);
      const expectedGone = action.title.startsWith('Handle all') ? statuses : [fixCase.status];
      assert.deepEqual(
        remaining
          .filter(
            (diagnostic) =>
              diagnostic.code === 'unchecked-response' ||
              statusesOf(diagnostic).some((status) => expectedGone.includes(status)),
          )
          .map((d) => d.message),
        [],
        `still reported after "${action.title}"`,
      );
    });
  }
});

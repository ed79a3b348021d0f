import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService, type LanguageService } from '../../server/src/service/languageService';
import { getCodeStyle } from '../../server/src/service/code/codeActions/codeStyle';
import { typeCheck } from './inMemoryProgram';

/** The fix fixtures: `test/fixtures/fixes/<case>/` with `input.ts` (or `.js`) and `case.json`. */
export const fixFixturesRoot = path.resolve(__dirname, '../fixtures/fixes');

/** One fix fixture's input, as a document, and the service reading its folder as the project. */
export interface FixFixture {
  name: string;
  folder: string;
  javascript: boolean;
  document: TextDocument;
  service: LanguageService;
}

const contracts = createContractIndex(getBuiltinContracts());
const plainService = getLanguageService({ contracts });

/** Every fix fixture, by name. */
export function readFixFixtures(): FixFixture[] {
  return readdirSync(fixFixturesRoot)
    .filter((entry) => existsSync(path.join(fixFixturesRoot, entry, 'case.json')))
    .map((name) => {
      const folder = path.join(fixFixturesRoot, name);
      const javascript = existsSync(path.join(folder, 'input.js'));
      const extension = javascript ? 'js' : 'ts';
      const document = TextDocument.create(
        `file:///work/fixes/${name}/input.${extension}`,
        javascript ? 'javascript' : 'typescript',
        1,
        readFileSync(path.join(folder, `input.${extension}`), 'utf8'),
      );
      return { name, folder, javascript, document, service: serviceFor(folder, document.uri) };
    });
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
  if (modules.length === 0 && !hasManifest) return plainService;
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

/**
 * The type errors of `text` as the fixture's input (beside its other modules, the HTTP clients'
 * stubs and the log module the inputs import), at ES2022 and at ES2019 with erasable syntax only.
 */
export function fixtureTypeErrors(fixture: FixFixture, text: string): string[] {
  const extension = fixture.javascript ? 'js' : 'ts';
  const files = {
    '/virtual/httpClients.d.ts': readFileSync(
      path.join(fixFixturesRoot, '..', 'httpClients.d.ts'),
      'utf8',
    ),
    '/virtual/log.ts': readFileSync(path.join(fixFixturesRoot, 'log.ts'), 'utf8'),
    ...Object.fromEntries(
      modulesOf(fixture.folder).map((module) => [
        `/virtual/${module}`,
        readFileSync(path.join(fixture.folder, module), 'utf8'),
      ]),
    ),
    [`/virtual/input.${extension}`]: text,
  };
  return [...typeCheck(files), ...typeCheck(files, es2019)];
}

/** Prettier's options for a file: its quotes and semicolons, and its width (widest line, at least 80). */
export function prettierOptions(text: string, javascript: boolean): prettier.Options {
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

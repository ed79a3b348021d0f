import ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import javascriptSnippets from '../../../../../snippets/javascript.json';
import typescriptSnippets from '../../../../../snippets/typescript.json';
import { retryHelperName } from '../callRecognition';
import type { CallSite } from './callSite';
import type { CodeStyle } from './codeStyle';
import { expandSnippet } from './snippetText';

/** Statuses the helper retries without being told. */
const retryHelperDefaultStatuses: readonly number[] = [408, 429, 500, 502, 503, 504];

/** Statuses the helper never retries. */
const retryHelperNeverRetried: readonly number[] = [400, 401, 403, 404, 422];

/**
 * Edits turning `fetch(url, init)` into `fetchWithRetry(url, init, { retryOn: [...] })`, adding the
 * helper to the file when it neither declares nor imports it. Undefined when the call is not a
 * plain `fetch` or a status cannot be retried.
 */
export function getRetryWrapEdits(
  document: TextDocument,
  sourceFile: ts.SourceFile,
  style: CodeStyle,
  site: CallSite,
  statuses: readonly number[],
): TextEdit[] | undefined {
  const call = site.call;
  const callee = call.expression;
  const isFetch =
    (ts.isIdentifier(callee) && callee.text === 'fetch') ||
    (ts.isPropertyAccessExpression(callee) &&
      callee.name.text === 'fetch' &&
      ts.isIdentifier(callee.expression) &&
      ['globalThis', 'window', 'self'].includes(callee.expression.text));
  if (!isFetch || call.arguments.length === 0 || call.arguments.length > 2) return undefined;
  if (statuses.some((status) => retryHelperNeverRetried.includes(status))) return undefined;
  const retryOn = [...new Set(statuses)]
    .filter((status) => !retryHelperDefaultStatuses.includes(status))
    .sort((a, b) => a - b);
  const options = retryOn.length > 0 ? `{ retryOn: [${retryOn.join(', ')}] }` : undefined;
  const lastArgument = call.arguments[call.arguments.length - 1];
  const extra = options ? (call.arguments.length === 1 ? `, {}, ${options}` : `, ${options}`) : '';
  const range = (start: number, end: number) => ({
    start: document.positionAt(start),
    end: document.positionAt(end),
  });
  const edits: TextEdit[] = [
    { range: range(callee.getStart(sourceFile), callee.getEnd()), newText: retryHelperName },
  ];
  if (extra)
    edits.push({ range: range(lastArgument.getEnd(), lastArgument.getEnd()), newText: extra });
  if (!hasRetryHelper(sourceFile)) edits.push(helperInsertion(document, sourceFile, style));
  return edits;
}

/** Whether the file declares or imports the helper. */
function hasRetryHelper(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some((statement) => {
    if (ts.isFunctionDeclaration(statement)) return statement.name?.text === retryHelperName;
    if (ts.isVariableStatement(statement)) {
      return statement.declarationList.declarations.some(
        (declaration) =>
          ts.isIdentifier(declaration.name) && declaration.name.text === retryHelperName,
      );
    }
    if (ts.isImportDeclaration(statement)) {
      const bindings = statement.importClause?.namedBindings;
      return (
        !!bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.some((element) => element.name.text === retryHelperName)
      );
    }
    return false;
  });
}

/** The helper's text as the snippet inserts it, without `export`: the file keeps its own exports. */
function getRetryHelperText(typescript: boolean): string {
  const snippets: Record<string, { prefix: string; body: string[] }> = typescript
    ? typescriptSnippets
    : javascriptSnippets;
  const helper = Object.values(snippets).find((snippet) => snippet.prefix === 'fetch-retry-helper');
  if (!helper) throw new Error('the fetch-retry-helper snippet is missing');
  return expandSnippet(helper.body).replace(/^export /gm, '');
}

/** The helper goes after the imports: its constants must exist before any top-level call uses them. */
function helperInsertion(
  document: TextDocument,
  sourceFile: ts.SourceFile,
  style: CodeStyle,
): TextEdit {
  let helper = getRetryHelperText(style.typescript);
  if (!style.semicolons) helper = helper.replace(/;$/gm, '');
  if (style.quote === '"') helper = helper.replace(/'([^'"\\\n]*)'/g, '"$1"');
  if (style.indentUnit !== '  ')
    helper = helper.replace(/^((?: {2})+)/gm, (indent) =>
      style.indentUnit.repeat(indent.length / 2),
    );
  helper = helper.replace(/\n/g, style.eol);
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const offset = imports.length > 0 ? imports[imports.length - 1].getEnd() : 0;
  const position = document.positionAt(offset);
  const newText = offset === 0 ? helper + style.eol + style.eol : style.eol + style.eol + helper;
  return { range: { start: position, end: position }, newText };
}

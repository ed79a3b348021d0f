import ts from 'typescript';
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getThrownPhrase } from '../../contracts/clientActions';
import type { ClientAction } from '../../contracts/model';
import { findStatusComparison, getLibraryImports, type CallSite } from './callSite';
import { indentationAt, type CodeStyle } from './codeStyle';

/** One status to handle at a call, with what the contract says about it. */
export interface StatusFix {
  status: number;
  /** The status title, e.g. `Conflict`. */
  title: string;
  action: ClientAction;
  /** One line from the contract: what the status means here or what to do. */
  comment: string;
}

/** The call a fix is for: its document, syntax, style and operation. */
export interface FixTarget {
  document: TextDocument;
  sourceFile: ts.SourceFile;
  style: CodeStyle;
  site: CallSite;
  method: string;
  path: string;
}

/** The edits adding branches for `fixes` in the shape of the handling around the call, and a word on where. */
export interface HandlerEdits {
  edits: TextEdit[];
  /** Where the branch goes, for the action title: `case 409 in the switch`, … */
  placement: string;
}

/** Branches handling `fixes` at the call, shaped like the code around it; undefined when there is no place for one. */
export function getHandlerEdits(
  target: FixTarget,
  fixes: readonly StatusFix[],
): HandlerEdits | undefined {
  const { site } = target;
  const handling = site.handling;
  if (fixes.length === 0) return undefined;
  if (site.library === 'fetch') {
    const responseName =
      site.responseName ?? (site.bareAwait ? freshName(target.sourceFile, 'response') : undefined);
    if (!responseName) return undefined;
    const bodies = (fix: StatusFix): string[] => responseBody(target, fix, responseName);
    const condition = (fix: StatusFix): string => `${responseName}.status === ${fix.status}`;
    if (handling.kind === 'switch')
      return insertCases(target, handling.switchStatement, fixes, bodies);
    if (handling.kind === 'if-ok') {
      return {
        edits: [insertIfsBefore(target, handling.ifStatement, fixes, condition, bodies)],
        placement: `before the \`${responseName}.ok\` check`,
      };
    }
    const statement = site.statement;
    const indent = indentationAt(target.document.getText(), statement.getStart(target.sourceFile));
    const text = fixes
      .map((fix) => target.style.eol + indent + ifText(target, indent, condition(fix), bodies(fix)))
      .join('');
    const edits: TextEdit[] = [insertAt(target.document, statement.getEnd(), text)];
    if (site.bareAwait)
      edits.unshift(
        insertAt(
          target.document,
          statement.getStart(target.sourceFile),
          `const ${responseName} = `,
        ),
      );
    return { edits, placement: 'after the call' };
  }
  if (handling.kind !== 'catch') return undefined;
  const bodies = (fix: StatusFix): string[] => caughtBody(target, fix, handling.errorName);
  if (handling.switchStatement) return insertCases(target, handling.switchStatement, fixes, bodies);
  if (handling.statusIf) {
    const statusIf = handling.statusIf;
    const literal = findStatusComparison(statusIf.expression, handling.errorName);
    if (!literal) return undefined;
    const conditionText = statusIf.expression.getText(target.sourceFile);
    const literalStart =
      literal.getStart(target.sourceFile) - statusIf.expression.getStart(target.sourceFile);
    const condition = (fix: StatusFix): string =>
      conditionText.slice(0, literalStart) +
      String(fix.status) +
      conditionText.slice(literalStart + literal.getWidth(target.sourceFile));
    return {
      edits: [insertIfsBefore(target, statusIf, fixes, condition, bodies)],
      placement: 'in the catch',
    };
  }
  const guard = errorGuard(target, handling.errorName);
  if (!guard) return undefined;
  const block = handling.catchClause.block;
  const text = target.document.getText();
  const indent =
    block.statements.length > 0
      ? indentationAt(text, block.statements[0].getStart(target.sourceFile))
      : indentationAt(text, handling.catchClause.getStart(target.sourceFile)) +
        target.style.indentUnit;
  const inserted = fixes
    .map(
      (fix) =>
        target.style.eol +
        indent +
        ifText(target, indent, `${guard.test} && ${guard.status} === ${fix.status}`, bodies(fix)),
    )
    .join('');
  return {
    edits: [
      ...guard.edits,
      insertAt(target.document, block.getStart(target.sourceFile) + 1, inserted),
    ],
    placement: 'in the catch',
  };
}

function insertAt(document: TextDocument, offset: number, newText: string): TextEdit {
  const position = document.positionAt(offset);
  return { range: { start: position, end: position }, newText };
}

function terminator(style: CodeStyle): string {
  return style.semicolons ? ';' : '';
}

function quoted(style: CodeStyle, value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(style.quote, 'g'), `\\${style.quote}`);
  return style.quote + escaped + style.quote;
}

function templateText(value: string): string {
  return value.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${');
}

/** What the statements handling a status need to know about the call. */
export type HandlerTarget = Pick<FixTarget, 'style' | 'method' | 'path'>;

function describe(target: HandlerTarget, fix: StatusFix): string {
  return `${target.method} ${target.path} answered ${fix.status} ${fix.title}`;
}

/** The statements handling a status on a `fetch`-like response; each ends by throwing. */
export function responseBody(
  target: HandlerTarget,
  fix: StatusFix,
  responseName: string,
): string[] {
  const { style } = target;
  const end = terminator(style);
  const what = describe(target, fix);
  const comment = `// ${fix.comment}`;
  switch (fix.action) {
    case 'fix-request':
      return [
        comment,
        `throw new Error(\`${templateText(what)}: \${await ${responseName}.text()}\`)${end}`,
      ];
    case 're-authenticate':
      return [
        comment,
        `throw new Error(${quoted(style, `${what}: ${getThrownPhrase(fix.action)}`)})${end}`,
      ];
    case 'check-permissions':
      return [
        comment,
        `throw new Error(${quoted(style, `${what}: ${getThrownPhrase(fix.action)}`)})${end}`,
      ];
    case 'retry-later':
    case 'back-off-and-retry': {
      const retryAfter = `${responseName}.headers.get(${quoted(style, 'Retry-After')})`;
      return [
        comment,
        `throw new Error(${quoted(style, `${what}: ${getThrownPhrase(fix.action)}`)}, { cause: { status: ${fix.status}, retryable: true, retryAfter: ${retryAfter} } })${end}`,
      ];
    }
    default:
      return [comment, `throw new Error(${quoted(style, what)})${end}`];
  }
}

/** The statements handling a status on an error caught from a throwing client. */
function caughtBody(target: FixTarget, fix: StatusFix, errorName: string): string[] {
  const { style } = target;
  const end = terminator(style);
  const what = describe(target, fix);
  const suffix = getThrownPhrase(fix.action);
  const message = suffix ? `${what}: ${suffix}` : what;
  return [
    `// ${fix.comment}`,
    `throw new Error(${quoted(style, message)}, { cause: ${errorName} })${end}`,
  ];
}

function ifText(target: FixTarget, indent: string, condition: string, body: string[]): string {
  const { eol, indentUnit } = target.style;
  return `if (${condition}) {${eol}${body.map((line) => indent + indentUnit + line).join(eol)}${eol}${indent}}`;
}

/** New `if` branches before `anchor`, joined into its `else if` chain when it is in one. */
function insertIfsBefore(
  target: FixTarget,
  anchor: ts.IfStatement,
  fixes: readonly StatusFix[],
  condition: (fix: StatusFix) => string,
  body: (fix: StatusFix) => string[],
): TextEdit {
  const start = anchor.getStart(target.sourceFile);
  const inElseChain = ts.isIfStatement(anchor.parent) && anchor.parent.elseStatement === anchor;
  const indent = indentationAt(
    target.document.getText(),
    inElseChain ? anchor.parent.getStart(target.sourceFile) : start,
  );
  const separator = inElseChain ? ' else ' : target.style.eol + indent;
  const text = fixes
    .map((fix) => ifText(target, indent, condition(fix), body(fix)) + separator)
    .join('');
  return insertAt(target.document, start, text);
}

/** New `case` clauses in a switch, before its `default`. */
function insertCases(
  target: FixTarget,
  switchStatement: ts.SwitchStatement,
  fixes: readonly StatusFix[],
  body: (fix: StatusFix) => string[],
): HandlerEdits {
  const { document, sourceFile, style } = target;
  const text = document.getText();
  const clauses = switchStatement.caseBlock.clauses;
  const caseIndent =
    clauses.length > 0
      ? indentationAt(text, clauses[0].getStart(sourceFile))
      : indentationAt(text, switchStatement.getStart(sourceFile)) + style.indentUnit;
  const cases = fixes.map(
    (fix) =>
      `${caseIndent}case ${fix.status}:${style.eol}${body(fix)
        .map((line) => caseIndent + style.indentUnit + line)
        .join(style.eol)}`,
  );
  const placement = `\`case ${fixes.map((fix) => fix.status).join('`, `case ')}\` in the switch`;
  const defaultClause = clauses.find(ts.isDefaultClause);
  if (defaultClause) {
    const start = defaultClause.getStart(sourceFile);
    return {
      edits: [
        insertAt(
          document,
          start - (start - (text.lastIndexOf('\n', start - 1) + 1)),
          cases.join(style.eol) + style.eol,
        ),
      ],
      placement,
    };
  }
  const after =
    clauses.length > 0
      ? clauses[clauses.length - 1].getEnd()
      : switchStatement.caseBlock.getStart(sourceFile) + 1;
  return { edits: [insertAt(document, after, style.eol + cases.join(style.eol))], placement };
}

/** `axios.isAxiosError(err)` / `err instanceof HTTPError` and the status read after it, importing `HTTPError` when needed. */
function errorGuard(
  target: FixTarget,
  errorName: string,
): { test: string; status: string; edits: TextEdit[] } | undefined {
  const { sourceFile, site, document } = target;
  const bindings = [...getLibraryImports(sourceFile)].filter(
    ([, binding]) => binding.library === site.library,
  );
  if (bindings.length === 0) return undefined;
  const [name, { importDeclaration }] = bindings[0];
  if (site.library === 'axios') {
    return {
      test: `${name}.isAxiosError(${errorName})`,
      status: `${errorName}.response?.status`,
      edits: [],
    };
  }
  const status = `${errorName}.response.${site.library === 'got' ? 'statusCode' : 'status'}`;
  const clause = importDeclaration.importClause;
  if (!clause) return undefined;
  const named =
    clause.namedBindings && ts.isNamedImports(clause.namedBindings)
      ? clause.namedBindings
      : undefined;
  const existing = named?.elements.find(
    (element) => (element.propertyName ?? element.name).text === 'HTTPError',
  );
  if (existing) return { test: `${errorName} instanceof ${existing.name.text}`, status, edits: [] };
  let edit: TextEdit;
  if (named && named.elements.length > 0) {
    edit = insertAt(document, named.elements[named.elements.length - 1].getEnd(), ', HTTPError');
  } else if (named) {
    edit = insertAt(document, named.getStart(sourceFile) + 1, ' HTTPError ');
  } else if (clause.name && !clause.namedBindings) {
    edit = insertAt(document, clause.name.getEnd(), ', { HTTPError }');
  } else {
    return undefined;
  }
  return { test: `${errorName} instanceof HTTPError`, status, edits: [edit] };
}

/** `base`, or `base2`, `base3`… when the file already uses the name. */
function freshName(sourceFile: ts.SourceFile, base: string): string {
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

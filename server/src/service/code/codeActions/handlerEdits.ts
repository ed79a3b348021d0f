import ts from 'typescript';
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getThrownPhrase, isRetryAction } from '../../contracts/clientActions';
import type { ClientAction } from '../../contracts/model';
import {
  findStatusComparison,
  getLibraryImports,
  requiredModule,
  type FixSite,
  type ResponseAccess,
} from './fixSite';
import { indentationAt, type CodeStyle } from './codeStyle';
import { layoutCall, sourceArguments, width, wrapComment } from './layout';

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
  site: FixSite;
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
  if (site.library === 'fetch' || site.library === 'openapi-fetch') {
    const bareName = site.bareAwait ? freshName(target.sourceFile, 'response') : undefined;
    // openapi-fetch's `error` is the problem body it read, bound with the response.
    const bareProblem =
      site.library === 'openapi-fetch' &&
      fixes.some((fix) => fix.action === 'fix-request') &&
      freshName(target.sourceFile, 'error') === 'error';
    const access: ResponseAccess | undefined =
      site.response ??
      (bareName === undefined
        ? undefined
        : {
            status: `${bareName}.status`,
            headers: `${bareName}.headers`,
            ...(site.library === 'fetch' && { body: bareName }),
            ...(bareProblem && { problem: 'error' }),
            bind: {},
          });
    if (!access) return undefined;
    const bodies =
      (fix: StatusFix): Body =>
      (indent) =>
        responseBody(target, fix, access, indent);
    const condition = (fix: StatusFix): string => `${access.status} === ${fix.status}`;
    const bindings = bindingEdits(target, access, fixes);
    if (!bindings) return undefined;
    if (handling.kind === 'switch') {
      const cases = insertCases(target, handling.switchStatement, fixes, bodies);
      return withErrorClass(target, fixes, { ...cases, edits: [...bindings, ...cases.edits] });
    }
    if (handling.kind === 'if') {
      return withErrorClass(target, fixes, {
        edits: [
          ...bindings,
          insertIfsBefore(target, handling.ifStatement, fixes, condition, bodies),
        ],
        placement:
          access.body !== undefined &&
          handling.ifStatement.expression.getText(target.sourceFile).includes(`${access.body}.ok`)
            ? `before the \`${access.body}.ok\` check`
            : 'before the status check',
      });
    }
    const statement = site.statement;
    const indent = indentationAt(target.document.getText(), statement.getStart(target.sourceFile));
    const text = fixes
      .map((fix) => target.style.eol + indent + ifText(target, indent, condition(fix), bodies(fix)))
      .join('');
    const edits: TextEdit[] = [...bindings, insertAt(target.document, statement.getEnd(), text)];
    if (bareName) edits.unshift(bindResponse(target, statement, bareName, indent, bareProblem));
    return withErrorClass(target, fixes, { edits, placement: 'after the call' });
  }
  if (handling.kind !== 'catch') return withErrorClass(target, fixes, catchAround(target, fixes));
  const bodies =
    (fix: StatusFix): Body =>
    (indent) =>
      caughtBody(target, fix, handling.errorName, indent, inAsyncFunction(handling.block));
  if (handling.switchStatement)
    return withErrorClass(
      target,
      fixes,
      insertCases(target, handling.switchStatement, fixes, bodies),
    );
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
    return withErrorClass(target, fixes, {
      edits: [insertIfsBefore(target, statusIf, fixes, condition, bodies)],
      placement: 'in the catch',
    });
  }
  const guard = errorGuard(target, handling.errorName);
  if (!guard) return undefined;
  const block = handling.block;
  const text = target.document.getText();
  const indent =
    block.statements.length > 0
      ? indentationAt(text, block.statements[0].getStart(target.sourceFile))
      : indentationAt(text, block.getStart(target.sourceFile)) + target.style.indentUnit;
  const inserted = fixes
    .map(
      (fix) =>
        target.style.eol +
        indent +
        ifText(target, indent, `${guard.test} && ${guard.status} === ${fix.status}`, bodies(fix)),
    )
    .join('');
  return withErrorClass(target, fixes, {
    edits: [
      ...guard.edits,
      insertAt(target.document, block.getStart(target.sourceFile) + 1, inserted),
    ],
    placement: 'in the catch',
  });
}

/**
 * A throwing client's call nothing catches: an awaited statement goes into a `try` whose `catch`
 * handles the statuses and rethrows the rest; any other (a declaration, a returned promise) gets
 * a `.catch` on its promise, which keeps what the statement binds where it is.
 */
function catchAround(target: FixTarget, fixes: readonly StatusFix[]): HandlerEdits | undefined {
  const { document, sourceFile, site, style } = target;
  const errorName = freshName(sourceFile, 'error');
  const guard = errorGuard(target, errorName);
  if (!guard) return undefined;
  const text = document.getText();
  const end = terminator(style);
  const statement = site.statement;
  const indent = indentationAt(text, statement.getStart(sourceFile));
  const awaited =
    (ts.isExpressionStatement(statement) || ts.isReturnStatement(statement)) &&
    statement.expression !== undefined &&
    ts.isAwaitExpression(statement.expression);
  // A new `try` is in the awaiting function; a `.catch` callback is not async.
  const branches = (at: string, awaitable = false): string[] => [
    ...fixes.map(
      (fix) =>
        at +
        ifText(target, at, `${guard.test} && ${guard.status} === ${fix.status}`, (inner) =>
          caughtBody(target, fix, errorName, inner, awaitable),
        ),
    ),
    `${at}throw ${errorName}${end}`,
  ];
  if (awaited && !spansTemplateLines(statement)) {
    const inner = indent + style.indentUnit;
    let moved = statement
      .getText(sourceFile)
      .split(/\r?\n/)
      .map((line, i) => (i === 0 || line === '' ? line : style.indentUnit + line))
      .join(style.eol);
    // A line one level deeper may no longer fit: the call is laid out again, as Prettier would.
    if (!moved.includes('\n') && width(inner + moved, style) > style.printWidth) {
      const start = statement.getStart(sourceFile);
      const callStart = site.call.getStart(sourceFile);
      const prefix = text.slice(start, callStart);
      const suffix = text.slice(site.call.getEnd(), statement.getEnd());
      moved =
        prefix +
        layoutCall(
          site.call.expression.getText(sourceFile),
          sourceArguments(site.call, sourceFile),
          { prefix: inner + prefix, suffix, indent: inner },
          style,
        ) +
        suffix;
    }
    const newText = [
      'try {',
      inner + moved,
      `${indent}} catch (${errorName}) {`,
      ...branches(inner, inAsyncFunction(statement)),
      `${indent}}`,
    ].join(style.eol);
    return {
      edits: [
        ...guard.edits,
        {
          range: {
            start: document.positionAt(statement.getStart(sourceFile)),
            end: document.positionAt(statement.getEnd()),
          },
          newText,
        },
      ],
      placement: 'in a new try/catch',
    };
  }
  // The promise the statement awaits or returns: the call, or a body read chained on it (ky's `.json()`).
  let chain: ts.Expression = site.call;
  while (
    ts.isPropertyAccessExpression(chain.parent) &&
    ts.isCallExpression(chain.parent.parent) &&
    chain.parent.parent.expression === chain.parent
  )
    chain = chain.parent.parent;
  const chainEnd = chain.getEnd();
  const lineStart = text.lastIndexOf('\n', chainEnd - 1) + 1;
  // ky's problem body is still a stream: a callback reading it for a fix-the-request status awaits.
  const reads = site.library === 'ky' && fixes.some((fix) => fix.action === 'fix-request');
  const head = `.catch(${reads ? 'async ' : ''}(${errorName}) => {`;
  const close = (at: string): string => `${at}})`;
  if (width(text.slice(lineStart, chainEnd) + head, style) <= style.printWidth) {
    const inner = indent + style.indentUnit;
    return {
      edits: [
        ...guard.edits,
        insertAt(
          document,
          chainEnd,
          [head, ...branches(inner, reads), close(indent)].join(style.eol),
        ),
      ],
      placement: 'in a .catch on the call',
    };
  }
  // Too long for one line: Prettier breaks the member chain one call a line.
  const dots: number[] = [];
  for (let link: ts.Expression = chain; ts.isCallExpression(link);) {
    const callee = link.expression;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    dots.push(callee.name.getStart(sourceFile) - 1);
    link = callee.expression;
    if (ts.isIdentifier(link)) break;
    if (!ts.isCallExpression(link)) return undefined;
  }
  const chainIndent = indent + style.indentUnit;
  const inner = chainIndent + style.indentUnit;
  const breaks = dots.map((dot) => insertAt(document, dot, style.eol + chainIndent));
  return {
    edits: [
      ...guard.edits,
      ...breaks,
      insertAt(
        document,
        chainEnd,
        [style.eol + chainIndent + head, ...branches(inner, reads), close(chainIndent)].join(
          style.eol,
        ),
      ),
    ],
    placement: 'in a .catch on the call',
  };
}

/** Whether a template literal in the node spans lines: moving its lines would change its value. */
function spansTemplateLines(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (
      (ts.isTemplateExpression(child) || ts.isNoSubstitutionTemplateLiteral(child)) &&
      /\n/.test(child.getText())
    )
      found = true;
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** The edits, with the error classes its branches throw added to the file where it has none. */
function withErrorClass(
  target: FixTarget,
  fixes: readonly StatusFix[],
  handler: HandlerEdits,
): HandlerEdits;
function withErrorClass(
  target: FixTarget,
  fixes: readonly StatusFix[],
  handler: HandlerEdits | undefined,
): HandlerEdits | undefined;
function withErrorClass(
  target: FixTarget,
  fixes: readonly StatusFix[],
  handler: HandlerEdits | undefined,
): HandlerEdits | undefined {
  if (!handler) return undefined;
  const declarations = getErrorClassEdits(
    target.document,
    target.sourceFile,
    target.style,
    fixes.map((fix) => fix.action),
  );
  return declarations.length > 0
    ? { ...handler, edits: [...handler.edits, ...declarations] }
    : handler;
}

/**
 * An error class a branch throws, so that callers can tell its failure from the others. Its
 * fields are declared and assigned, not parameter properties: those are TypeScript-only syntax,
 * which `erasableSyntaxOnly` and Node's type stripping reject.
 */
interface ErrorClass {
  name: string;
  /** Its JSDoc line. */
  doc: string;
  /** The constructor's parameters after `message`, each kept as a field. */
  fields: readonly { name: string; type: string }[];
}

/** A status the API asks to retry, with its `Retry-After`: a retry loop upstream can wait it out. */
const retryableError: ErrorClass = {
  name: 'RetryableStatusError',
  doc: '/** A status the API asks to retry, with the wait its `Retry-After` asks for. */',
  fields: [
    { name: 'status', type: 'number' },
    { name: 'retryAfter', type: 'string | null' },
  ],
};

/** A status asking for new credentials, with the operation: callers re-authenticate on it. */
const authenticationError: ErrorClass = {
  name: 'AuthenticationRequiredError',
  doc: '/** The API asks for new credentials before the request is sent again. */',
  fields: [
    { name: 'status', type: 'number' },
    { name: 'operation', type: 'string' },
  ],
};

/**
 * The declarations, after the imports, of the error classes branches for `actions` throw, one
 * edit each (fix all keeps one of each); none for a class the file has.
 */
export function getErrorClassEdits(
  document: TextDocument,
  sourceFile: ts.SourceFile,
  style: CodeStyle,
  actions: readonly ClientAction[],
): TextEdit[] {
  const classes = [
    ...(actions.some(isRetryAction) ? [retryableError] : []),
    ...(actions.includes('re-authenticate') ? [authenticationError] : []),
  ];
  return classes
    .filter((each) => !declaresTopLevel(sourceFile, each.name))
    .map((each) => insertAfterImports(document, sourceFile, style, errorClassText(style, each)));
}

function errorClassText(style: CodeStyle, errorClass: ErrorClass): string {
  const end = terminator(style);
  const [one, two] = [style.indentUnit, style.indentUnit.repeat(2)];
  const names = errorClass.fields.map((field) => field.name);
  const params = style.typescript
    ? ['message: string', ...errorClass.fields.map((field) => `${field.name}: ${field.type}`)]
    : ['message', ...names];
  const signature = `${one}constructor(${params.join(', ')}) {`;
  const comma = style.trailingCommas ? ',' : '';
  const text = [
    errorClass.doc,
    `class ${errorClass.name} extends Error {`,
    ...(style.typescript
      ? [
          ...errorClass.fields.map((field) => `${one}readonly ${field.name}: ${field.type}${end}`),
          '',
        ]
      : []),
    ...(width(signature, style) <= style.printWidth
      ? [signature]
      : [
          `${one}constructor(`,
          ...params.map((param, i) => two + param + (i < params.length - 1 ? ',' : comma)),
          `${one}) {`,
        ]),
    `${two}super(message)${end}`,
    `${two}this.name = ${quoted(style, errorClass.name)}${end}`,
    ...names.map((name) => `${two}this.${name} = ${name}${end}`),
    `${one}}`,
    '}',
  ];
  return text.join(style.eol);
}

/** `await call(…)` → `const response = await call(…)`, the call laid out again for the longer line. */
function bindResponse(
  target: FixTarget,
  statement: ts.Statement,
  responseName: string,
  indent: string,
  withProblem: boolean,
): TextEdit {
  const { document, sourceFile, site, style } = target;
  const start = statement.getStart(sourceFile);
  const callStart = site.call.getStart(sourceFile);
  const text = document.getText();
  const lineEnd = text.indexOf('\n', site.call.getEnd());
  // openapi-fetch answers `{ data, error, response }`.
  const names = [
    ...(withProblem ? ['error'] : []),
    responseName === 'response' ? 'response' : `response: ${responseName}`,
  ];
  const binding = site.library !== 'openapi-fetch' ? responseName : `{ ${names.join(', ')} }`;
  const prefix = `const ${binding} = ${text.slice(start, callStart)}`;
  const call = layoutCall(
    site.call.expression.getText(sourceFile),
    sourceArguments(site.call, sourceFile),
    {
      prefix: indent + prefix,
      suffix: text.slice(site.call.getEnd(), lineEnd < 0 ? text.length : lineEnd).trimEnd(),
      indent,
    },
    style,
  );
  return {
    range: { start: document.positionAt(start), end: document.positionAt(site.call.getEnd()) },
    newText: prefix + call,
  };
}

/**
 * Names a fix's branches read added to the call's destructuring: `response` of openapi-fetch,
 * `headers` beside a destructured `status` when a branch reads `Retry-After`. Undefined when a
 * name to add is taken.
 */
export function bindingEdits(
  target: FixTarget,
  access: ResponseAccess,
  fixes: readonly StatusFix[],
): TextEdit[] | undefined {
  const pattern = access.pattern;
  if (!pattern) return [];
  const names = [
    fixes.some((fix) => fix.action === 'fix-request') ? access.bind.problem : undefined,
    access.bind.status,
    fixes.some((fix) => isRetryAction(fix.action)) ? access.bind.headers : undefined,
  ].filter((name): name is string => name !== undefined);
  if (names.length === 0) return [];
  if (names.some((name) => freshName(target.sourceFile, name) !== name)) return undefined;
  const last = pattern.elements[pattern.elements.length - 1];
  const added = names.join(', ');
  if (!last)
    return [insertAt(target.document, pattern.getStart(target.sourceFile) + 1, ` ${added} `)];
  const { document, sourceFile, site, style } = target;
  const text = document.getText();
  const at = last.getEnd();
  const callStart = site.call.getStart(sourceFile);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  // The longer line may no longer fit: the call is laid out again, as Prettier would.
  if (
    callStart < lineStart + line.length &&
    width(line, style) + added.length + 2 > style.printWidth
  ) {
    const between = text.slice(at, callStart);
    const call = layoutCall(
      site.call.expression.getText(sourceFile),
      sourceArguments(site.call, sourceFile),
      {
        prefix: text.slice(lineStart, at) + `, ${added}` + between,
        suffix: text.slice(site.call.getEnd(), lineEnd < 0 ? text.length : lineEnd).trimEnd(),
        indent: indentationAt(text, lineStart),
      },
      style,
    );
    return [
      {
        range: { start: document.positionAt(at), end: document.positionAt(site.call.getEnd()) },
        newText: `, ${added}${between}${call}`,
      },
    ];
  }
  return [insertAt(document, at, `, ${added}`)];
}

/** Whether the file declares or imports `name` at its top level. */
export function declaresTopLevel(sourceFile: ts.SourceFile, name: string): boolean {
  return topLevelOf(sourceFile).names.has(name);
}

/** Declarations a fix adds go after the imports: what they declare must exist before top-level code uses it. */
export function insertAfterImports(
  document: TextDocument,
  sourceFile: ts.SourceFile,
  style: CodeStyle,
  declaration: string,
): TextEdit {
  const offset = topLevelOf(sourceFile).importsEnd;
  const newText =
    offset === 0 ? declaration + style.eol + style.eol : style.eol + style.eol + declaration;
  return insertAt(document, offset, newText);
}

const topLevels = new WeakMap<ts.SourceFile, { names: Set<string>; importsEnd: number }>();

/**
 * The names the file declares or imports at its top level, and where its last import ends: read
 * once per parse, since fix all asks for every call of the file (a scan each made it quadratic).
 */
function topLevelOf(sourceFile: ts.SourceFile): { names: Set<string>; importsEnd: number } {
  let known = topLevels.get(sourceFile);
  if (known) return known;
  known = { names: new Set(), importsEnd: 0 };
  // A CommonJS file's leading `require`s are its imports.
  let leading = true;
  for (const statement of sourceFile.statements) {
    const required = leading && requiredModule(statement) !== undefined;
    if (required) known.importsEnd = statement.getEnd();
    else if (!ts.isImportDeclaration(statement) && !isDirective(statement)) leading = false;
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name) known.names.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) known.names.add(declaration.name.text);
    } else if (ts.isImportDeclaration(statement)) {
      known.importsEnd = statement.getEnd();
      const clause = statement.importClause;
      if (clause?.name) known.names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) known.names.add(element.name.text);
    }
  }
  topLevels.set(sourceFile, known);
  return known;
}

/** `'use strict'` and the like, which may come before a CommonJS file's `require`s. */
function isDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
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

/**
 * The thrown message, quoted: the operation, the status and what to do; without the operation
 * when that would not fit the file's width even on a line of its own (Prettier never splits a
 * string), the stack naming the call anyway.
 */
function messageText(target: HandlerTarget, fix: StatusFix, indent: string): string {
  const { style } = target;
  const phrase = getThrownPhrase(fix.action);
  const full = quoted(
    style,
    phrase ? `${describe(target, fix)}: ${phrase}` : describe(target, fix),
  );
  const room = style.printWidth - width(indent + style.indentUnit, style) - 1;
  if (width(full, style) <= room) return full;
  return quoted(style, `${fix.status} ${fix.title}${phrase ? `: ${phrase}` : ''}`);
}

/** `throw new Error(…)` laid out at `indent`, every line indented. */
function throwLines(
  style: CodeStyle,
  indent: string,
  errorClass: string,
  args: readonly string[],
): string[] {
  const end = terminator(style);
  const text = layoutCall(
    `throw new ${errorClass}`,
    args,
    { prefix: indent, suffix: end, indent },
    style,
  );
  return `${indent}${text}${end}`.split(style.eol);
}

/** `throw new AuthenticationRequiredError(message, status, 'METHOD /path')` at `indent`. */
function authenticationThrow(target: HandlerTarget, fix: StatusFix, indent: string): string[] {
  return throwLines(target.style, indent, authenticationError.name, [
    messageText(target, fix, indent),
    String(fix.status),
    quoted(target.style, `${target.method} ${target.path}`),
  ]);
}

function commentLines(style: CodeStyle, indent: string, fix: StatusFix): string[] {
  return wrapComment(fix.comment, indent, style).map((line) => indent + line);
}

/** The statements handling a status on a `fetch`-like response, at `indent`; each ends by throwing. */
export function responseBody(
  target: HandlerTarget,
  fix: StatusFix,
  response: Pick<ResponseAccess, 'headers' | 'body' | 'problem'>,
  indent: string,
): string[] {
  const { style } = target;
  const what = describe(target, fix);
  const comment = commentLines(style, indent, fix);
  switch (fix.action) {
    case 'fix-request':
      // The problem body says what is wrong with the request.
      if (response.problem !== undefined)
        return [
          ...comment,
          ...throwLines(style, indent, 'Error', [
            `\`${templateText(what)}: \${JSON.stringify(${response.problem})}\``,
          ]),
        ];
      if (response.body === undefined)
        return [
          ...comment,
          ...throwLines(style, indent, 'Error', [messageText(target, fix, indent)]),
        ];
      // The problem body says what is wrong with the request.
      return [
        ...comment,
        ...throwLines(style, indent, 'Error', [
          `\`${templateText(what)}: \${await ${response.body}.text()}\``,
        ]),
      ];
    case 're-authenticate':
      return [...comment, ...authenticationThrow(target, fix, indent)];
    case 'retry-later':
    case 'back-off-and-retry':
      return [
        ...comment,
        ...throwLines(style, indent, retryableError.name, [
          messageText(target, fix, indent),
          String(fix.status),
          `${response.headers}.get(${quoted(style, 'Retry-After')})`,
        ]),
      ];
    case 'check-permissions':
    default:
      return [
        ...comment,
        ...throwLines(style, indent, 'Error', [messageText(target, fix, indent)]),
      ];
  }
}

/** The statements handling a status on an error caught from a throwing client, at `indent`. */
export function caughtBody(
  target: FixTarget,
  fix: StatusFix,
  errorName: string,
  indent: string,
  awaitable = false,
): string[] {
  const { style } = target;
  const message = messageText(target, fix, indent);
  const comment = commentLines(style, indent, fix);
  if (isRetryAction(fix.action)) {
    const response = `${errorName}.response`;
    const retryAfter =
      target.site.library === 'ky'
        ? `${response}.headers.get(${quoted(style, 'Retry-After')})`
        : target.site.library === 'got'
          ? `${response}.headers[${quoted(style, 'retry-after')}] ?? null`
          : `${response}?.headers[${quoted(style, 'retry-after')}]?.toString() ?? null`;
    return [
      ...comment,
      ...throwLines(style, indent, retryableError.name, [message, String(fix.status), retryAfter]),
    ];
  }
  if (fix.action === 're-authenticate')
    return [...comment, ...authenticationThrow(target, fix, indent)];
  // The problem body says what is wrong with the request: axios and got have read it; ky's is
  // still the response's stream, read where the handler may await.
  const body =
    target.site.library === 'axios'
      ? `JSON.stringify(${errorName}.response?.data)`
      : target.site.library === 'got'
        ? `${errorName}.response.body`
        : awaitable
          ? `await ${errorName}.response.text()`
          : undefined;
  if (fix.action === 'fix-request' && body)
    return [
      ...comment,
      ...throwLines(style, indent, 'Error', [
        `\`${templateText(describe(target, fix))}: \${${body}}\``,
      ]),
    ];
  return [...comment, ...throwLines(style, indent, 'Error', [message])];
}

/** Whether the function holding `node` is async, so a branch there may `await`. */
export function inAsyncFunction(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current))
      return (
        ts.canHaveModifiers(current) &&
        !!ts.getModifiers(current)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)
      );
  }
  return false;
}

function ifText(target: FixTarget, indent: string, condition: string, body: Body): string {
  const { eol, indentUnit } = target.style;
  return `if (${condition}) {${eol}${body(indent + indentUnit).join(eol)}${eol}${indent}}`;
}

/** The lines of a branch's statements at an indentation. */
type Body = (indent: string) => string[];

/** New `if` branches before `anchor`, joined into its `else if` chain when it is in one. */
function insertIfsBefore(
  target: FixTarget,
  anchor: ts.IfStatement,
  fixes: readonly StatusFix[],
  condition: (fix: StatusFix) => string,
  body: (fix: StatusFix) => Body,
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
  body: (fix: StatusFix) => Body,
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
      `${caseIndent}case ${fix.status}:${style.eol}${body(fix)(caseIndent + style.indentUnit).join(style.eol)}`,
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

/** A test telling a throwing client's HTTP failure from other errors, and its status after that test. */
interface ErrorGuard {
  test: string;
  status: string;
  /** The edits bringing in the name the test uses, where the file lacks it. */
  edits: TextEdit[];
}

/** `axios.isAxiosError(err)` / `err instanceof HTTPError` and the status read after it, importing `HTTPError` when needed. */
export function errorGuard(target: FixTarget, errorName: string): ErrorGuard | undefined {
  const { sourceFile, site, document } = target;
  const bindings = [...getLibraryImports(sourceFile)].filter(
    ([, binding]) => binding.library === site.library,
  );
  if (site.library === 'axios') {
    const name = bindings[0]?.[0] ?? requiredAxios(sourceFile);
    return name === undefined
      ? importedGuard(target, errorName)
      : guardOf(site.library, name, errorName, []);
  }
  if (bindings.length === 0) return importedGuard(target, errorName);
  const [, { importDeclaration }] = bindings[0];
  const clause = importDeclaration.importClause;
  if (!clause) return undefined;
  const named =
    clause.namedBindings && ts.isNamedImports(clause.namedBindings)
      ? clause.namedBindings
      : undefined;
  const existing = named?.elements.find(
    (element) => (element.propertyName ?? element.name).text === 'HTTPError',
  );
  if (existing) return guardOf(site.library, existing.name.text, errorName, []);
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
  return guardOf(site.library, 'HTTPError', errorName, [edit]);
}

/** The name a CommonJS file requires axios by (its `default` is axios too). */
function requiredAxios(sourceFile: ts.SourceFile): string | undefined {
  return sourceFile.statements
    .map(requiredModule)
    .find(
      (each) =>
        each?.module === 'axios' && (each.property === undefined || each.property === 'default'),
    )?.name;
}

/**
 * The guard for the client's error through `name` (axios itself, or ky's or got's `HTTPError`):
 * axios's response may be missing (a network failure passes the test), an `HTTPError`'s is not.
 */
function guardOf(
  library: FixSite['library'],
  name: string,
  errorName: string,
  edits: TextEdit[],
): ErrorGuard {
  if (library === 'axios')
    return {
      test: `${name}.isAxiosError(${errorName})`,
      status: `${errorName}.response?.status`,
      edits,
    };
  const status = `${errorName}.response.${library === 'got' ? 'statusCode' : 'status'}`;
  return { test: `${errorName} instanceof ${name}`, status, edits };
}

/**
 * The guard for a file that does not import the client, whose call is of a project function
 * handing back that client's promise (a wrapper in another module): axios, or ky's or got's
 * `HTTPError`, imported before the file's imports. Undefined for a CommonJS file
 * (ky and got are ES modules only) or one using the name.
 */
function importedGuard(target: FixTarget, errorName: string): ErrorGuard | undefined {
  const { sourceFile, site, document, style } = target;
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  if (imports.length === 0 && sourceFile.statements.some((each) => requiredModule(each)))
    return undefined;
  const axios = site.library === 'axios';
  const name = axios ? 'axios' : 'HTTPError';
  if (declaresTopLevel(sourceFile, name)) return undefined;
  const what = axios ? name : `{ ${name} }`;
  const text = `import ${what} from ${quoted(style, site.library)}${terminator(style)}`;
  // A package's import goes first, before the project's own modules.
  const first = imports[0];
  const edit = first
    ? insertAt(document, first.getStart(sourceFile), text + style.eol)
    : insertAt(document, 0, text + style.eol + style.eol);
  return guardOf(site.library, name, errorName, [edit]);
}

const identifierNames = new WeakMap<ts.SourceFile, Set<string>>();

/**
 * `base`, or `base2`, `base3`… when the file already uses the name. The file's names are
 * gathered once per parse: fix all and --fix ask for every call of the file, and a walk each made
 * them quadratic (1,000 bare `await fetch(…)` calls: 1.1 s of a 3.5 s --fix).
 */
function freshName(sourceFile: ts.SourceFile, base: string): string {
  let used = identifierNames.get(sourceFile);
  if (!used) {
    const names = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) names.add(node.text);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    identifierNames.set(sourceFile, (used = names));
  }
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

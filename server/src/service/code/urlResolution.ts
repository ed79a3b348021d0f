import ts from 'typescript';
import type { ClientHome } from './clientBindings';
import { maxResolutionDepth, resolveConstantExpression } from './constantValues';
import {
  findDeclaration,
  findLocalDeclaration,
  getReferencesBetween,
  type FileIndex,
} from './fileIndex';
import { functionName, type ProjectModules } from './functionSummaries';
import { importedFunction, importedModule } from './importedFunctions';
import {
  getAccessedName,
  getEntityName,
  getObjectMember,
  getStringLiteralText,
  isInlineFunction,
  isWithin,
  returnedValues,
  skipOuterExpressions,
} from './syntax';

/** Where a URL expression is read: its file, and what a wrapper's parameters stand for at one call. */
export interface UrlScope {
  index: FileIndex;
  /** The arguments of the call of a summarised function, by the parameter they are bound to. */
  bindings?: ReadonlyMap<ts.ParameterDeclaration, BoundArgument>;
  /** The project's other modules, for constants imported from them. */
  project?: ProjectModules;
}

/**
 * What a parameter stands for at one call: the argument, read where the call is; for a rest
 * parameter (`...parts`), every argument from its position on, as `rest`, with `expression` its
 * name.
 */
export type BoundArgument = UrlScope & {
  expression: ts.Expression;
  rest?: readonly ts.Expression[];
};

/** A piece of a URL as the code builds it. */
type UrlPart =
  | { kind: 'text'; text: string }
  /** A value only known at run time inside the URL: becomes a `{name}` path parameter. */
  | { kind: 'param'; name: string }
  /** One of a few literals, known only at run time (`paused ? 'play' : 'pause'`, a `'next' | 'previous'` parameter). */
  | { kind: 'choice'; name: string; values: string[] }
  /** A value only known at run time at the start of the URL: a base URL, named by its expression. */
  | { kind: 'base'; name: string };

/** A call's URL as far as the code tells it. */
export interface ResolvedUrl {
  /** Lower-case host, when the URL or its base is a literal absolute URL. */
  host?: string;
  /** `scheme://host[:port]` when known, for matching configured base URLs. */
  origin?: string;
  /** The path with run-time values as `{name}`; query and fragment dropped. */
  path: string;
  /**
   * The names the URL's base was reached through, outermost first (`DAM_BASE`,
   * `process.env.DAM_URL`, `this.baseUrl`): what the `apis` setting maps to an API.
   */
  baseNames: string[];
  /** The URL with parameters as `{name}` and an unknown base as `${name}`, for hovers. */
  display: string;
  /**
   * The paths the URL may take when segments are one of a few literals (`/player/play`,
   * `/player/pause`), each choice's values in turn; absent when there is no such segment.
   */
  alternatives?: string[];
}

/** The most paths a URL's literal choices are spelled out into; past it they are plain parameters. */
const maxAlternatives = 8;

interface PartList {
  parts: UrlPart[];
  /** Entity names the leading part came through. */
  baseNames: string[];
}

/**
 * Resolves a call's URL from its expression and the base URLs of its client instance
 * (`baseURL`, `prefixUrl`) or a configured wrapper (its `baseUrl`, as text): literals, templates
 * (`${id}` → `{id}`), concatenation, `new URL(path, base)`, same-file constants and object
 * members. Undefined when the URL's path cannot be known.
 */
export function resolveUrl(
  scope: UrlScope,
  url: ts.Expression,
  bases: readonly (ts.Expression | string)[],
  joinWithSlash: boolean,
  home?: ClientHome,
): ResolvedUrl | undefined {
  const resolved = resolveParts(scope, url, 0, true);
  if (!resolved) return undefined;
  let list = resolved;
  if (!isAbsolute(list.parts)) {
    // Innermost base first: a call's own base overrides the instance's.
    for (let i = bases.length - 1; i >= 0; i--) {
      const expression = bases[i]!;
      if (typeof expression === 'string') {
        list = joinBase({ parts: [{ kind: 'text', text: expression }], baseNames: [] }, list, true);
        break;
      }
      // An imported instance's base is read in the module that makes the instance.
      const baseScope =
        home && expression.getSourceFile() === home.index.sourceFile
          ? { ...scope, index: home.index, bindings: undefined }
          : scope;
      // A base the code does not show (`baseURL: process.env.MEDIA_API`) is named, as it is at the
      // start of a template, for an `apis` entry to tie.
      list = joinBase(resolveSpan(baseScope, expression, 0, true), list, joinWithSlash);
      break;
    }
  }
  return finish(list);
}

function isAbsolute(parts: readonly UrlPart[]): boolean {
  const first = parts[0];
  return (
    first?.kind === 'base' ||
    (first?.kind === 'text' && /^[a-z][a-z0-9+.-]*:\/\//i.test(first.text))
  );
}

function joinBase(base: PartList, path: PartList, withSlash: boolean): PartList {
  const parts = [...base.parts];
  const last = parts[parts.length - 1];
  const first = path.parts[0];
  if (
    withSlash &&
    (last?.kind === 'base' || (last?.kind === 'text' && !last.text.endsWith('/'))) &&
    first?.kind === 'text' &&
    !first.text.startsWith('/')
  ) {
    parts.push({ kind: 'text', text: '/' });
  }
  return { parts: [...parts, ...path.parts], baseNames: base.baseNames };
}

function resolveParts(
  scope: UrlScope,
  node: ts.Expression,
  depth: number,
  leading: boolean,
): PartList | undefined {
  if (depth > maxResolutionDepth) return undefined;
  const expression = skipOuterExpressions(node);
  if (ts.isStringLiteralLike(expression))
    return { parts: [{ kind: 'text', text: expression.text }], baseNames: [] };
  if (ts.isTemplateExpression(expression)) {
    const parts: UrlPart[] = [{ kind: 'text', text: expression.head.text }];
    let baseNames: string[] = [];
    for (const span of expression.templateSpans) {
      const atStart = leading && parts.every((part) => part.kind === 'text' && part.text === '');
      const inner = resolveSpan(scope, span.expression, depth, atStart);
      if (atStart) baseNames = inner.baseNames;
      parts.push(...inner.parts, { kind: 'text', text: span.literal.text });
    }
    return { parts, baseNames };
  }
  if (
    ts.isBinaryExpression(expression) &&
    expression.operatorToken.kind === ts.SyntaxKind.PlusToken
  ) {
    const left = resolveSpan(scope, expression.left, depth, leading);
    const right = resolveSpan(scope, expression.right, depth, false);
    return { parts: [...left.parts, ...right.parts], baseNames: left.baseNames };
  }
  // A choice of bases is a base the code does not show; a choice of segments is spelled out.
  if (ts.isConditionalExpression(expression) && !leading) {
    const values = literalChoices(scope, expression, depth);
    return values && { parts: [{ kind: 'choice', name: 'param', values }], baseNames: [] };
  }
  // `options.baseUrl ?? DAM_BASE`: a value the code does not know falls back to the default it gives.
  if (
    ts.isBinaryExpression(expression) &&
    (expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      expression.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    return (
      resolveParts(scope, expression.left, depth + 1, leading) ??
      resolveParts(scope, expression.right, depth + 1, leading)
    );
  }
  if (ts.isNewExpression(expression) && getEntityName(expression.expression) === 'URL') {
    return resolveNewUrl(scope, expression, depth);
  }
  // `url.toString()`, `url.href`, `String(url)`, and `encodeURI(url)`, which escapes characters
  // but keeps the scheme, host and slashes.
  if (ts.isCallExpression(expression)) {
    const callee = skipOuterExpressions(expression.expression);
    if (
      ts.isPropertyAccessExpression(callee) &&
      callee.name.text === 'toString' &&
      expression.arguments.length === 0
    ) {
      return resolveParts(scope, callee.expression, depth + 1, leading);
    }
    // `path.replace(/:(\w+)/g, (_, key) => params[key])`: Express-style `:name` segments filled
    // in at run time, each one a path parameter.
    if (
      ts.isPropertyAccessExpression(callee) &&
      (callee.name.text === 'replace' || callee.name.text === 'replaceAll') &&
      isColonParameterPattern(expression.arguments[0])
    ) {
      const template = resolveParts(scope, callee.expression, depth + 1, leading);
      return template && { ...template, parts: template.parts.flatMap(colonParameters) };
    }
    const converter = getEntityName(callee);
    if ((converter === 'String' || converter === 'encodeURI') && expression.arguments[0])
      return resolveParts(scope, expression.arguments[0], depth + 1, leading);
    const joined = joinedSegments(scope, expression);
    if (joined) return resolveJoined(joined, depth, leading);
    return resolveBuiltUrl(scope, expression, depth, leading);
  }
  if (ts.isPropertyAccessExpression(expression) && expression.name.text === 'href') {
    const object = resolveParts(scope, expression.expression, depth + 1, leading);
    if (object) return object;
  }
  if (
    ts.isIdentifier(expression) ||
    ts.isPropertyAccessExpression(expression) ||
    ts.isElementAccessExpression(expression)
  ) {
    const bound = boundArgument(scope, expression);
    if (bound) return resolveParts(bound, bound.expression, depth + 1, leading);
    const local =
      resolveConstantExpression(scope.index, expression) ?? pageStart(scope.index, expression);
    const constant = local
      ? { scope, expression: local }
      : scope.project && importedValue(scope.index, scope.project, expression);
    if (!constant) return undefined;
    const resolved = resolveParts(constant.scope, constant.expression, depth + 1, leading);
    const choice = resolved?.parts.length === 1 ? resolved.parts[0] : undefined;
    if (choice?.kind === 'choice')
      return { parts: [{ ...choice, name: parameterName(expression) }], baseNames: [] };
    const name = getEntityName(expression);
    if (resolved && leading && name !== undefined)
      return { parts: resolved.parts, baseNames: [name, ...resolved.baseNames] };
    return resolved;
  }
  return undefined;
}

// Packages whose default export joins URL segments with one slash between each.
const urlJoinModules = new Set(['url-join', 'proper-url-join']);

/** A segment of a joined URL, with the scope it is read in (a rest parameter's arguments are the caller's). */
type Segment = { scope: UrlScope; expression: ts.Expression };

/**
 * The segments of `urljoin(BASE, 'image', id)` (url-join, which leaves one slash between two
 * segments) or of `[BASE, 'image', id].join('/')` (exactly one slash added between each); a rest
 * parameter among them (`parts.join('/')`, `[BASE, ...parts]`) stands for the arguments it was
 * called with.
 */
function joinedSegments(
  scope: UrlScope,
  call: ts.CallExpression,
): { segments: readonly Segment[]; collapse: boolean } | undefined {
  const index = scope.index;
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) {
    const binding = index.imports.get(callee.text);
    const joins =
      binding &&
      urlJoinModules.has(binding.module) &&
      (binding.imported === 'default' || binding.imported === 'module.exports') &&
      !findLocalDeclaration(index, callee.text, callee);
    const segments = joins ? spreadSegments(scope, call.arguments) : undefined;
    return segments?.length ? { segments, collapse: true } : undefined;
  }
  if (
    !ts.isPropertyAccessExpression(callee) ||
    callee.name.text !== 'join' ||
    call.arguments.length !== 1 ||
    getStringLiteralText(call.arguments[0]!) !== '/'
  )
    return undefined;
  const array = skipOuterExpressions(callee.expression);
  const segments = ts.isArrayLiteralExpression(array)
    ? spreadSegments(scope, array.elements)
    : restSegments(scope, array);
  return segments?.length ? { segments, collapse: false } : undefined;
}

/** The segments a list of arguments or elements holds, a rest parameter spread in as its arguments. */
function spreadSegments(
  scope: UrlScope,
  elements: readonly ts.Expression[],
): Segment[] | undefined {
  const segments: Segment[] = [];
  for (const element of elements) {
    if (ts.isOmittedExpression(element)) return undefined;
    if (!ts.isSpreadElement(element)) {
      segments.push({ scope, expression: element });
      continue;
    }
    const rest = restSegments(scope, skipOuterExpressions(element.expression));
    if (!rest) return undefined;
    segments.push(...rest);
  }
  return segments;
}

/** The arguments a rest parameter stands for at the call being resolved, read where the call is. */
function restSegments(scope: UrlScope, expression: ts.Expression): Segment[] | undefined {
  const bound = boundParameter(scope, expression);
  return bound?.rest?.map((argument) => ({ scope: bound, expression: argument }));
}

function resolveJoined(
  joined: { segments: readonly Segment[]; collapse: boolean },
  depth: number,
  leading: boolean,
): PartList {
  let list: PartList | undefined;
  for (const segment of joined.segments) {
    const next = resolveSpan(segment.scope, segment.expression, depth, leading && !list);
    if (!list) {
      list = next;
      continue;
    }
    const parts = [...list.parts];
    const nextParts = [...next.parts];
    const last = parts[parts.length - 1];
    const first = nextParts[0];
    const endsWithSlash = last?.kind === 'text' && last.text.endsWith('/');
    const startsWithSlash = first?.kind === 'text' && first.text.startsWith('/');
    if (!joined.collapse || (!endsWithSlash && !startsWithSlash))
      parts.push({ kind: 'text', text: '/' });
    else if (endsWithSlash && startsWithSlash && first.kind === 'text')
      nextParts[0] = { kind: 'text', text: first.text.slice(1) };
    list = { parts: [...parts, ...nextParts], baseNames: list.baseNames };
  }
  return list!;
}

function isColonParameterPattern(argument: ts.Expression | undefined): boolean {
  return (
    argument !== undefined &&
    ts.isRegularExpressionLiteral(argument) &&
    argument.text.startsWith('/:') &&
    /\/[a-z]*g[a-z]*$/.test(argument.text)
  );
}

/** `image/:image_id` → `image/`, `{image_id}`; a port (`:8080`) is no parameter. */
function colonParameters(part: UrlPart): UrlPart[] {
  if (part.kind !== 'text') return [part];
  const parts: UrlPart[] = [];
  let last = 0;
  for (const match of part.text.matchAll(/(^|\/):([A-Za-z_]\w*)/g)) {
    const start = match.index + match[1]!.length;
    parts.push(
      { kind: 'text', text: part.text.slice(last, start) },
      { kind: 'param', name: match[2]! },
    );
    last = start + 1 + match[2]!.length;
  }
  parts.push({ kind: 'text', text: part.text.slice(last) });
  return parts;
}

/** A template span or concatenated operand: its value when known, else a parameter or, at the start, a base. */
function resolveSpan(
  scope: UrlScope,
  expression: ts.Expression,
  depth: number,
  leading: boolean,
): PartList {
  const resolved = resolveParts(scope, expression, depth + 1, leading);
  if (resolved) return resolved;
  // An argument bound to a wrapper's parameter is named as the caller wrote it.
  const bound = boundArgument(scope, expression);
  if (bound) return resolveSpan(bound, bound.expression, depth + 1, leading);
  const typed = leading ? undefined : parameterChoices(scope, expression);
  if (typed)
    return {
      parts: [{ kind: 'choice', name: parameterName(expression), values: typed }],
      baseNames: [],
    };
  const name = getEntityName(expression);
  if (leading)
    return {
      parts: [{ kind: 'base', name: name ?? expression.getText() }],
      baseNames: aliasNames(scope, expression),
    };
  return { parts: [{ kind: 'param', name: parameterName(expression) }], baseNames: [] };
}

/**
 * The names an unknown base goes by: its own and those of what it is a constant of, in this module
 * or the one it is imported from (`DAM_URL`, then `process.env.DAM_URL`): any of them may be the
 * key of the `apis` setting.
 */
function aliasNames(scope: UrlScope, expression: ts.Expression): string[] {
  const names: string[] = [];
  let current: { scope: UrlScope; expression: ts.Expression } | undefined = { scope, expression };
  for (let depth = 0; current && depth <= maxResolutionDepth; depth++) {
    const name = getEntityName(current.expression);
    if (name === undefined || names.includes(name)) break;
    names.push(name);
    const local = resolveConstantExpression(current.scope.index, current.expression);
    current = local
      ? { scope: current.scope, expression: local }
      : current.scope.project &&
        importedValue(current.scope.index, current.scope.project, current.expression);
  }
  return names;
}

/** `new URL(input, base)`: an absolute input ignores the base; `/path` keeps only the base's origin. */
function resolveNewUrl(
  scope: UrlScope,
  expression: ts.NewExpression,
  depth: number,
): PartList | undefined {
  const [input, base] = expression.arguments ?? [];
  if (!input) return undefined;
  const path = resolveParts(scope, input, depth + 1, true);
  if (!base || (path && isAbsolute(path.parts))) return path;
  const baseParts = resolveSpan(scope, base, depth, true);
  if (!path) return undefined;
  const first = path.parts[0];
  if (first?.kind === 'text' && first.text.startsWith('/')) {
    const origin = baseParts.parts[0];
    if (origin?.kind === 'text') {
      const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(origin.text);
      if (match)
        return {
          parts: [{ kind: 'text', text: match[0] }, ...path.parts],
          baseNames: baseParts.baseNames,
        };
    }
    // An unknown base: its origin is what the `apis` setting names.
    return {
      parts: [...baseParts.parts.slice(0, 1), ...path.parts],
      baseNames: baseParts.baseNames,
    };
  }
  // A relative input resolves against the base's directory.
  const parts = [...baseParts.parts];
  const last = parts[parts.length - 1];
  if (last?.kind === 'text' && !last.text.endsWith('/')) {
    const slash = last.text.lastIndexOf('/');
    const schemeEnd = last.text.indexOf('://');
    parts[parts.length - 1] = {
      kind: 'text',
      text: slash > schemeEnd + 2 ? last.text.slice(0, slash + 1) : `${last.text}/`,
    };
  } else if (last?.kind !== 'text') {
    parts.push({ kind: 'text', text: '/' });
  }
  return { parts: [...parts, ...path.parts], baseNames: baseParts.baseNames };
}

/** The name a run-time value gets as a path parameter: `id` for `id`, `image.id`, `encodeURIComponent(id)`. */
function parameterName(expression: ts.Expression): string {
  const inner = skipOuterExpressions(expression);
  if (ts.isIdentifier(inner)) return inner.text;
  const member = getAccessedName(inner);
  if (member !== undefined) return member;
  if (ts.isCallExpression(inner) && inner.arguments[0]) return parameterName(inner.arguments[0]);
  return 'param';
}

/**
 * The URL parser drops spaces and control characters at either end of the string, so
 * `` `incidents/${id} ` `` requests incidents/{id}.
 */
function trimEnds(parts: readonly UrlPart[]): UrlPart[] {
  const trimmed = [...parts];
  // Empty texts around a template's spans do not end the URL: the text before them does.
  let last = trimmed.length - 1;
  while (last > 0 && trimmed[last]?.kind === 'text' && !(trimmed[last] as { text: string }).text)
    last--;
  const end = trimmed[last];
  if (end?.kind === 'text')
    trimmed[last] = { kind: 'text', text: end.text.replace(/[\0-\x20]+$/, '') };
  const first = trimmed[0];
  if (first?.kind === 'text')
    trimmed[0] = { kind: 'text', text: first.text.replace(/^[\0-\x20]+/, '') };
  return trimmed;
}

function finish(list: PartList): ResolvedUrl | undefined {
  let text = '';
  let display = '';
  let leadingBase: string | undefined;
  // Each alternative as the text so far, while there are choices and not too many.
  let spelled: string[] | undefined = [''];
  let hasChoice = false;
  for (const part of trimEnds(list.parts)) {
    if (part.kind === 'text') {
      const end = part.text.search(/[?#]/);
      const kept = end < 0 ? part.text : part.text.slice(0, end);
      text += kept;
      display += kept;
      spelled = spelled?.map((each) => each + kept);
      if (end >= 0) break;
    } else if (part.kind === 'choice') {
      text += `{${part.name}}`;
      display += `{${part.name}}`;
      hasChoice = true;
      const values = part.values;
      spelled = spelled?.flatMap((each) => values.map((value) => each + value));
      if (spelled && spelled.length > maxAlternatives) spelled = undefined;
    } else if (part.kind === 'base' && display === '') {
      leadingBase = part.name;
      display += `\${${part.name}}`;
    } else {
      text += `{${part.name}}`;
      display += `{${part.name}}`;
      spelled = spelled?.map((each) => `${each}{${part.name}}`);
    }
  }
  let host: string | undefined;
  let origin: string | undefined;
  let path = text;
  if (leadingBase === undefined) {
    const match = /^([a-z][a-z0-9+.-]*:)?\/\/(?:[^/?#@]*@)?([^/?#:]*)(:\d+)?/i.exec(text);
    if (match) {
      host = match[2]!.toLowerCase();
      origin = match[0].toLowerCase();
      path = text.slice(match[0].length);
      // A host that is still a template (`${region}.example.com`) is no known host.
      if (host.includes('{')) host = undefined;
    }
  }
  if (!path.startsWith('/')) path = `/${path}`;
  const alternatives =
    hasChoice && spelled && leadingBase === undefined && (host !== undefined || !origin)
      ? spelled.map((each) => {
          const rest = each.slice(origin?.length ?? 0);
          return rest.startsWith('/') ? rest : `/${rest}`;
        })
      : undefined;
  const baseNames =
    leadingBase !== undefined && !list.baseNames.includes(leadingBase)
      ? [...list.baseNames, leadingBase]
      : list.baseNames;
  return { host, origin, path, baseNames, display, ...(alternatives && { alternatives }) };
}

/**
 * The literals a conditional gives (`paused ? 'play' : 'pause'`, nested ternaries too), when each
 * branch is a string the code shows.
 */
function literalChoices(
  scope: UrlScope,
  expression: ts.ConditionalExpression,
  depth: number,
): string[] | undefined {
  const values: string[] = [];
  for (const branch of [expression.whenTrue, expression.whenFalse]) {
    const resolved = resolveParts(scope, branch, depth + 1, false);
    const only = resolved?.parts.length === 1 ? resolved.parts[0] : undefined;
    if (only?.kind === 'text') values.push(only.text);
    else if (only?.kind === 'choice') values.push(...only.values);
    else return undefined;
  }
  return [...new Set(values)];
}

/**
 * The literals a parameter stands for: those its type allows (`direction: 'next' | 'previous'`),
 * or, when its type is no set of literals, those every call of its function passes.
 */
function parameterChoices(scope: UrlScope, expression: ts.Expression): string[] | undefined {
  const inner = skipOuterExpressions(expression);
  if (!ts.isIdentifier(inner)) return undefined;
  const declaration = findDeclaration(scope.index, inner.text, inner);
  if (!declaration || !ts.isParameter(declaration.node)) return undefined;
  return literalsOfType(declaration.node.type) ?? passedLiterals(scope.index, declaration.node);
}

/** The strings a type is a literal or a union of literals of; undefined for any other type. */
function literalsOfType(type: ts.TypeNode | undefined): string[] | undefined {
  if (!type) return undefined;
  const values: string[] = [];
  for (const member of ts.isUnionTypeNode(type) ? type.types : [type]) {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) return undefined;
    values.push(member.literal.text);
  }
  return values;
}

/**
 * The string literals a parameter is given at every call of its function, when the function is
 * not exported and this file only calls it (`skip('next')`, `skip('previous')`): any other use of
 * its name, or another argument, leaves the values unknown.
 */
function passedLiterals(
  index: FileIndex,
  parameter: ts.ParameterDeclaration,
): string[] | undefined {
  const fn = parameter.parent;
  const name = functionName(fn);
  const holder = ts.isFunctionDeclaration(fn) ? fn : fn.parent.parent?.parent;
  if (name === undefined || name.includes('.') || !holder || isExported(holder)) return undefined;
  const position = fn.parameters.indexOf(parameter);
  const values = new Set<string>();
  for (const reference of getReferencesBetween(index, name, 0, index.sourceFile.end)) {
    const call = reference.parent;
    if (!ts.isCallExpression(call) || call.expression !== reference) return undefined;
    const argument = call.arguments[position];
    const text = argument && getStringLiteralText(argument);
    if (text === undefined) return undefined;
    values.add(text);
  }
  return values.size > 0 && values.size <= maxAlternatives ? [...values] : undefined;
}

function isExported(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node)?.some((each) => each.kind === ts.SyntaxKind.ExportKeyword) ?? false)
  );
}

/** The argument a wrapper's parameter stands for at the call being resolved. */
function boundArgument(scope: UrlScope, expression: ts.Expression): BoundArgument | undefined {
  const bound = boundParameter(scope, expression);
  return bound?.rest ? undefined : bound;
}

/** What a parameter named by `expression` stands for, a rest parameter's arguments too. */
function boundParameter(scope: UrlScope, expression: ts.Expression): BoundArgument | undefined {
  if (!scope.bindings || !ts.isIdentifier(expression)) return undefined;
  const declaration = findDeclaration(scope.index, expression.text, expression);
  return declaration && ts.isParameter(declaration.node)
    ? scope.bindings.get(declaration.node)
    : undefined;
}

/**
 * A constant another module of the project exports: `API_BASE` imported by name, `config.API_BASE`
 * through a namespace, or a member of an imported constant object at any depth
 * (`Const.URL.ENDPOINTS.COMMANDS`).
 */
function importedValue(
  index: FileIndex,
  project: ProjectModules,
  expression: ts.Expression,
): { scope: UrlScope; expression: ts.Expression } | undefined {
  if (ts.isIdentifier(expression)) {
    const found = importedModule(index, project, expression);
    const value = found?.module.values.get(found.imported);
    return found && value
      ? { scope: { index: found.module.index, project }, expression: value }
      : undefined;
  }
  if (!ts.isPropertyAccessExpression(expression)) return undefined;
  const object = skipOuterExpressions(expression.expression);
  const member = expression.name.text;
  if (ts.isIdentifier(object)) {
    const found = importedModule(index, project, object, member);
    if (found?.imported === '*') {
      const value = found.module.values.get(member);
      return value && { scope: { index: found.module.index, project }, expression: value };
    }
  }
  const owner = importedValue(index, project, object);
  if (!owner) return undefined;
  const literal = skipOuterExpressions(owner.expression);
  const target = ts.isObjectLiteralExpression(literal)
    ? literal
    : resolveConstantExpression(owner.scope.index, literal);
  const value =
    target && ts.isObjectLiteralExpression(target) ? getObjectMember(target, member) : undefined;
  return value && { scope: owner.scope, expression: value };
}

/**
 * A URL built by a function of the project (`routes.image(id)`, `imageUrl(id)`, in this module or
 * imported): what the function returns, read with its parameters bound to the call's arguments.
 */
function resolveBuiltUrl(
  scope: UrlScope,
  call: ts.CallExpression,
  depth: number,
  leading: boolean,
): PartList | undefined {
  const builder = findBuilder(scope, skipOuterExpressions(call.expression));
  const returned = builder && returnedValues(builder.fn);
  if (!builder || returned?.length !== 1) return undefined;
  const bound: UrlScope = {
    ...builder.scope,
    bindings: bindArguments(scope, call, builder.fn.parameters, builder.scope),
  };
  return resolveParts(bound, returned[0]!, depth + 1, leading);
}

function findBuilder(
  scope: UrlScope,
  callee: ts.Expression,
): { scope: UrlScope; fn: ts.SignatureDeclaration } | undefined {
  const asFunction = (node: ts.Node | undefined) =>
    node && (ts.isFunctionDeclaration(node) || isInlineFunction(node)) ? node : undefined;
  const { index, project } = scope;
  if (ts.isIdentifier(callee)) {
    const declaration = findLocalDeclaration(index, callee.text, callee);
    if (declaration) {
      const fn =
        asFunction(declaration.node) ??
        (declaration.constant ? asFunction(declaration.initializer) : undefined);
      return fn && { scope, fn };
    }
  }
  const local = resolveConstantExpression(index, callee);
  const localFn = asFunction(local);
  if (localFn) return { scope, fn: localFn };
  if (!project) return undefined;
  // An imported function, by name or through a namespace (`routes.imageUrl`).
  const imported = importedFunction(index, project, callee);
  if (imported) return { scope: { index: imported.index, project }, fn: imported.fn };
  const value = importedValue(index, project, callee);
  const fn = value && asFunction(skipOuterExpressions(value.expression));
  return fn && { scope: value.scope, fn };
}

/**
 * What a function's parameters stand for at one call (or a constructor's at a `new`): the call's
 * arguments, read where the call is (with what that scope's own parameters stand for), or else the
 * parameters' defaults.
 */
export function bindArguments(
  caller: UrlScope,
  call: ts.CallExpression | ts.NewExpression,
  parameters: readonly ts.ParameterDeclaration[],
  callee: UrlScope,
): Map<ts.ParameterDeclaration, BoundArgument> {
  const bindings = new Map<ts.ParameterDeclaration, BoundArgument>();
  // `new Api` has no argument list at all.
  const args = call.arguments ?? [];
  parameters.forEach((parameter, position) => {
    const argument = args[position];
    if (parameter.dotDotDotToken) {
      // Arguments spread in are not known one by one.
      const rest = args.slice(position);
      if (!rest.some(ts.isSpreadElement))
        bindings.set(parameter, { ...caller, expression: parameter.name as ts.Identifier, rest });
    } else if (argument) bindings.set(parameter, { ...caller, expression: argument });
    else if (parameter.initializer)
      bindings.set(parameter, { ...callee, expression: parameter.initializer });
  });
  return bindings;
}

/**
 * The first page's URL of a paginated loop: `let url = \`${BASE}/items\`; while (url) { …fetch(url)…;
 * url = body.next; }`. Only when every later value comes from the response inside the loop around
 * the call (never another URL the code writes): then the call is the listing operation.
 */
function pageStart(index: FileIndex, expression: ts.Expression): ts.Expression | undefined {
  if (!ts.isIdentifier(expression)) return undefined;
  const declaration = findDeclaration(index, expression.text, expression);
  if (!declaration?.initializer || !ts.isVariableDeclaration(declaration.node)) return undefined;
  const assignments = index.assignments.get(expression.text) ?? [];
  if (assignments.length === 0) return undefined;
  for (const assignment of assignments) {
    const loop = enclosingLoop(assignment);
    const value = skipOuterExpressions(assignment.right);
    if (
      !loop ||
      !isWithin(expression, loop) ||
      ts.isStringLiteralLike(value) ||
      ts.isTemplateExpression(value) ||
      ts.isBinaryExpression(value)
    )
      return undefined;
  }
  return skipOuterExpressions(declaration.initializer);
}

function enclosingLoop(node: ts.Node): ts.IterationStatement | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return undefined;
    if (
      ts.isWhileStatement(current) ||
      ts.isDoStatement(current) ||
      ts.isForStatement(current) ||
      ts.isForOfStatement(current) ||
      ts.isForInStatement(current)
    )
      return current;
  }
  return undefined;
}

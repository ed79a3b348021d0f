import ts from 'typescript';
import { getPropertyNameText, isWithin } from './syntax';

/** A name declared in the file: a variable, parameter, function, enum, class or import. */
export interface Declaration {
  name: string;
  /** The declaring node (`VariableDeclaration`, `BindingElement`, `Parameter`, `EnumDeclaration`, …). */
  node: ts.Node;
  /** The value it is initialised with, when it has one. */
  initializer?: ts.Expression;
  /** The node the name is visible in. */
  scope: ts.Node;
  /** `const`, or a `let`/`var` never assigned again: its initializer is its value everywhere. */
  constant: boolean;
}

/** What one import brings into the file. */
export interface ImportBinding {
  /** The module specifier, e.g. `axios`. */
  module: string;
  /** `default`, `*` (namespace) or the imported name; `module.exports` (or `module.exports.name`) for a `require`. */
  imported: string;
  /** Bound by `const x = require('…')` or `const { a } = require('…')` at the top of the module. */
  required?: true;
}

/**
 * One walk over a source file collecting what the code analysis looks up again and again: the
 * calls, every reference to each name, declarations, assignments and imports. Built once per
 * parse, so every later question is a map lookup instead of another walk.
 */
export interface FileIndex {
  sourceFile: ts.SourceFile;
  /** Every call expression, in source order. */
  calls: ts.CallExpression[];
  declarations: Map<string, Declaration[]>;
  /** The declarations of each scope node, by name: scope lookups walk up the tree instead of scanning every same-named declaration. */
  scopes: Map<ts.Node, Map<string, Declaration>>;
  /** Plain `name = value` assignments, in source order. */
  assignments: Map<string, ts.BinaryExpression[]>;
  /** `this.name = value` assignments and class property initializers, by `this.name`. */
  memberAssignments: Map<string, ts.Expression[]>;
  imports: Map<string, ImportBinding>;
  /** Every reference to each name (declared names and member names excluded), in source order. */
  references: Map<string, ts.Identifier[]>;
}

/** Walks the file once and indexes it. */
export function createFileIndex(sourceFile: ts.SourceFile): FileIndex {
  const index: FileIndex = {
    sourceFile,
    calls: [],
    declarations: new Map(),
    scopes: new Map(),
    assignments: new Map(),
    memberAssignments: new Map(),
    imports: new Map(),
    references: new Map(),
  };
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const declare = (
    name: ts.BindingName,
    node: ts.Node,
    initializer: ts.Expression | undefined,
    scope: ts.Node,
    constant: boolean,
  ) => {
    if (ts.isIdentifier(name)) {
      const declaration = { name: name.text, node, initializer, scope, constant };
      push(index.declarations, name.text, declaration);
      let scoped = index.scopes.get(scope);
      if (!scoped) index.scopes.set(scope, (scoped = new Map()));
      if (!scoped.has(name.text)) scoped.set(name.text, declaration);
      return;
    }
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      // Destructured names have no initializer of their own here; analyses follow the pattern themselves.
      declare(element.name, element, undefined, scope, constant);
    }
  };

  // Read once: every `ts.` member read is a getter call, and this visits every node of the file.
  const { SyntaxKind: kinds, forEachChild, isFunctionLike } = ts;
  const blockScopeKinds = new Set([
    kinds.Block,
    kinds.SourceFile,
    kinds.ModuleBlock,
    kinds.CaseBlock,
    kinds.ForStatement,
    kinds.ForOfStatement,
    kinds.ForInStatement,
    kinds.CatchClause,
  ]);
  // The innermost block and function scopes around the node visited, kept on the way down rather
  // than found by climbing from every declaration.
  let block: ts.Node = sourceFile;
  let functionScope: ts.Node = sourceFile;
  const parameterProperties: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case kinds.Identifier:
        if (isReference(node as ts.Identifier, kinds))
          push(index.references, (node as ts.Identifier).text, node as ts.Identifier);
        return;
      case kinds.CallExpression:
        index.calls.push(node as ts.CallExpression);
        break;
      case kinds.VariableDeclaration: {
        const declaration = node as ts.VariableDeclaration;
        const list = declaration.parent;
        const isConst =
          ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
        const isVar =
          ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) === 0;
        declare(
          declaration.name,
          declaration,
          declaration.initializer,
          isVar ? functionScope : block,
          isConst,
        );
        if (block === sourceFile && declaration.initializer)
          indexRequire(declaration.name, declaration.initializer, index.imports);
        break;
      }
      case kinds.Parameter: {
        const parameter = node as ts.ParameterDeclaration;
        declare(parameter.name, parameter, parameter.initializer, parameter.parent, false);
        // `constructor(private base = DAM)`: a parameter property is a member set to its default,
        // and without one to what the instance is made with (`new Api(DAM)`), read through the
        // parameter itself.
        if (
          ts.isIdentifier(parameter.name) &&
          ts.isConstructorDeclaration(parameter.parent) &&
          ts.getModifiers(parameter)?.length
        ) {
          if (parameter.initializer)
            push(index.memberAssignments, `this.${parameter.name.text}`, parameter.initializer);
          else parameterProperties.push(parameter.name);
        }
        break;
      }
      case kinds.FunctionDeclaration:
      case kinds.ClassDeclaration:
      case kinds.EnumDeclaration: {
        const named = node as ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;
        if (named.name) declare(named.name, node, undefined, block, true);
        break;
      }
      case kinds.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        if (binary.operatorToken.kind === kinds.EqualsToken) {
          if (ts.isIdentifier(binary.left)) push(index.assignments, binary.left.text, binary);
          else if (
            ts.isPropertyAccessExpression(binary.left) &&
            binary.left.expression.kind === kinds.ThisKeyword
          ) {
            push(index.memberAssignments, `this.${binary.left.name.text}`, binary.right);
          }
        }
        break;
      }
      case kinds.PropertyDeclaration: {
        const property = node as ts.PropertyDeclaration;
        const name = getPropertyNameText(property.name);
        if (name !== undefined && property.initializer)
          push(index.memberAssignments, `this.${name}`, property.initializer);
        break;
      }
      case kinds.ImportDeclaration:
        indexImport(node as ts.ImportDeclaration, index.imports);
        return;
    }
    // Keywords, punctuation and literals have nothing below them.
    if (node.kind <= kinds.LastToken) return;
    const outerBlock = block;
    const outerFunction = functionScope;
    if (isFunctionLike(node)) block = functionScope = node;
    else if (blockScopeKinds.has(node.kind)) block = node;
    forEachChild(node, visit);
    block = outerBlock;
    functionScope = outerFunction;
  };
  visit(sourceFile);

  // A parameter property without a default stands for its member unless its class sets it too.
  for (const name of parameterProperties) {
    const key = `this.${name.text}`;
    const owner = name.parent.parent.parent;
    if (!index.memberAssignments.get(key)?.some((value) => isWithin(value, owner)))
      push(index.memberAssignments, key, name);
  }

  // A `let` or `var` assigned again is not a constant.
  for (const declarations of index.declarations.values()) {
    for (const declaration of declarations) {
      if (declaration.constant || !ts.isVariableDeclaration(declaration.node)) continue;
      const assignments = index.assignments.get(declaration.name);
      declaration.constant =
        !!declaration.initializer &&
        !assignments?.some((assignment) => isWithin(assignment, declaration.scope));
    }
  }
  return index;
}

/** The declaration of `name` visible at `at`: the one of the innermost scope holding `at`. */
export function findDeclaration(
  index: FileIndex,
  name: string,
  at: ts.Node,
): Declaration | undefined {
  if (!index.declarations.has(name)) return undefined;
  for (let node: ts.Node | undefined = at; node; node = node.parent) {
    const declaration = index.scopes.get(node)?.get(name);
    if (declaration) return declaration;
  }
  return undefined;
}

/** References to `name` in [start, end): declaring occurrences and member names excluded. */
export function getReferencesBetween(
  index: FileIndex,
  name: string,
  start: number,
  end: number,
): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const list = index.references.get(name);
  if (!list) return found;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]!.pos < start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < list.length && list[i]!.pos < end; i++) found.push(list[i]!);
  return found;
}

function indexImport(declaration: ts.ImportDeclaration, imports: Map<string, ImportBinding>): void {
  if (!ts.isStringLiteral(declaration.moduleSpecifier) || !declaration.importClause) return;
  const module = declaration.moduleSpecifier.text;
  const clause = declaration.importClause;
  if (clause.name) imports.set(clause.name.text, { module, imported: 'default' });
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings))
    imports.set(bindings.name.text, { module, imported: '*' });
  if (bindings && ts.isNamedImports(bindings)) {
    for (const element of bindings.elements) {
      imports.set(element.name.text, {
        module,
        imported: (element.propertyName ?? element.name).text,
      });
    }
  }
}

/**
 * `const api = require('./api')` binds `module.exports` of the module, `const { del } =
 * require('./api')` its `del`: CommonJS modules import each other this way.
 */
function indexRequire(
  name: ts.BindingName,
  initializer: ts.Expression,
  imports: Map<string, ImportBinding>,
): void {
  let value = initializer;
  while (ts.isParenthesizedExpression(value) || ts.isAsExpression(value)) value = value.expression;
  if (
    !ts.isCallExpression(value) ||
    !ts.isIdentifier(value.expression) ||
    value.expression.text !== 'require' ||
    value.arguments.length !== 1 ||
    !ts.isStringLiteralLike(value.arguments[0]!)
  )
    return;
  const module = value.arguments[0].text;
  if (ts.isIdentifier(name)) {
    imports.set(name.text, { module, imported: 'module.exports', required: true });
    return;
  }
  if (!ts.isObjectBindingPattern(name)) return;
  for (const element of name.elements) {
    const property = getPropertyNameText(
      element.propertyName ?? (ts.isIdentifier(element.name) ? element.name : undefined),
    );
    if (element.dotDotDotToken || property === undefined || !ts.isIdentifier(element.name))
      continue;
    imports.set(element.name.text, {
      module,
      imported: `module.exports.${property}`,
      required: true,
    });
  }
}

/**
 * The declaration of `name` visible at `at` unless it is a module-level `require` binding, which
 * stands for what the other module exports, as an import does.
 */
export function findLocalDeclaration(
  index: FileIndex,
  name: string,
  at: ts.Node,
): Declaration | undefined {
  const declaration = findDeclaration(index, name, at);
  return declaration && declaration.scope === index.sourceFile && index.imports.get(name)?.required
    ? undefined
    : declaration;
}

/**
 * What `this.name` is assigned (or initialised with), told apart by class: when several classes or
 * constructor functions of the file set a member of the name, those of the one around `at`.
 */
export function memberAssignmentsAt(
  index: FileIndex,
  name: string,
  at: ts.Node,
): ts.Expression[] | undefined {
  const all = index.memberAssignments.get(`this.${name}`);
  if (!all || all.length < 2) return all;
  let owner: ts.Node | undefined = at.parent;
  while (
    owner &&
    !ts.isClassLike(owner) &&
    !ts.isFunctionDeclaration(owner) &&
    !ts.isFunctionExpression(owner)
  )
    owner = owner.parent;
  const own = owner ? all.filter((value) => isWithin(value, owner)) : [];
  return own.length > 0 ? own : all;
}

/** Whether an identifier reads a binding (not a member name, a property key or a declared name). */
function isReference(identifier: ts.Identifier, kinds: typeof ts.SyntaxKind): boolean {
  const parent = identifier.parent as ts.Node & {
    name?: ts.Node;
    label?: ts.Node;
    right?: ts.Node;
  };
  if (!parent) return false;
  switch (parent.kind) {
    case kinds.BindingElement:
    case kinds.TypeReference:
    case kinds.ImportSpecifier:
    case kinds.ImportClause:
    case kinds.NamespaceImport:
    case kinds.ExportSpecifier:
      return false;
    case kinds.QualifiedName:
      return parent.right !== identifier;
    case kinds.LabeledStatement:
    case kinds.BreakStatement:
    case kinds.ContinueStatement:
      return parent.label !== identifier;
    case kinds.PropertyAccessExpression:
    case kinds.PropertyAssignment:
    case kinds.VariableDeclaration:
    case kinds.Parameter:
    case kinds.FunctionDeclaration:
    case kinds.FunctionExpression:
    case kinds.ClassDeclaration:
    case kinds.ClassExpression:
    case kinds.EnumDeclaration:
    case kinds.EnumMember:
    case kinds.MethodDeclaration:
    case kinds.PropertyDeclaration:
    case kinds.PropertySignature:
    case kinds.MethodSignature:
    case kinds.GetAccessor:
    case kinds.SetAccessor:
    case kinds.InterfaceDeclaration:
    case kinds.TypeAliasDeclaration:
      return parent.name !== identifier;
    default:
      return true;
  }
}

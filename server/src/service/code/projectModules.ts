import ts from 'typescript';
import { recogniseCalls } from './callRecognition';
import { createClientBindingResolver, type ImportedClients } from './clientBindings';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../documents/parsedDocument';
import { createFileIndex } from './fileIndex';
import { importedModule } from './importedFunctions';
import { getPropertyNameText, isWithin, skipOuterExpressions } from './syntax';
import {
  commonJsExportName,
  instanceOwner,
  isStatic,
  summariseFunctions,
  type FunctionSummary,
  type ModuleIndex,
  type ModuleSummary,
  type ProjectModules,
} from './functionSummaries';

/**
 * How the analysis reads the project's other files: injected, as the file system is the caller's
 * (the server reads through the workspace, which never reads outside it; the tests from memory).
 */
export interface ProjectFiles {
  /** The URI of the project file `specifier` names from `fromUri` (relative, or through the project's path aliases); undefined for a package or a file that is not there. */
  resolveModule(fromUri: string, specifier: string): string | undefined;
  /** The file's text (an open document's as edited); undefined when it cannot be read. */
  readFile(uri: string): string | undefined;
}

/**
 * Most modules kept with their syntax, summarised: those whose exports the files being analysed
 * read. Keeping a module's tree costs more than parsing it (the young collections copy it into the
 * old generation), so only these are kept, the least recently used dropped first.
 */
const maxSummarised = 256;

/** Most modules kept in the index: its entries are a few names each. */
const maxIndexed = 20_000;

/**
 * The project's modules, read through `files` on first use: each one's index entry (what it
 * exports, kept by URI and text, without its syntax tree), and the summaries with syntax of the
 * modules whose exports are read, parsed again when one has been dropped.
 */
export function createProjectModules(files: ProjectFiles): ProjectModules {
  const indexed = new Map<string, { text: string; entry: ModuleIndex }>();
  const summarised = new Map<string, { text: string; summary: ModuleSummary }>();
  // A module being summarised that imports itself, directly or around a cycle, finds nothing.
  const inProgress = new Set<string>();
  const read = (fromUri: string, specifier: string) => {
    const uri = files.resolveModule(fromUri, specifier);
    const text = uri === undefined || inProgress.has(uri) ? undefined : files.readFile(uri);
    return uri === undefined || text === undefined ? undefined : { uri, text };
  };
  const summarise = (uri: string, text: string): ModuleSummary | undefined => {
    inProgress.add(uri);
    try {
      const summary = summariseModule(uri, text, modules);
      if (summary) remember(indexed, uri, { text, entry: indexEntry(summary) }, maxIndexed);
      return summary;
    } finally {
      inProgress.delete(uri);
    }
  };
  const modules: ProjectModules = {
    getIndex(fromUri, specifier) {
      const module = read(fromUri, specifier);
      if (!module) return undefined;
      const known = indexed.get(module.uri);
      if (known?.text === module.text) return known.entry;
      // Summarised for its entry; its tree goes with the summary.
      return summarise(module.uri, module.text) && indexed.get(module.uri)?.entry;
    },
    getModule(fromUri, specifier, name) {
      const module = read(fromUri, specifier);
      if (!module) return undefined;
      const kept = summarised.get(module.uri);
      if (kept?.text === module.text) {
        remember(summarised, module.uri, kept, maxSummarised);
        return kept.summary;
      }
      const known = indexed.get(module.uri);
      // A module known not to export the name is not parsed again to find that out.
      if (name !== undefined && known?.text === module.text && !known.entry.names.has(name))
        return undefined;
      const summary = summarise(module.uri, module.text);
      if (!summary) return undefined;
      remember(summarised, module.uri, { text: module.text, summary }, maxSummarised);
      return summary;
    },
  };
  return modules;
}

/** Puts `value` last in `map`, the most recently used, dropping the first past `max`. */
function remember<T>(map: Map<string, T>, key: string, value: T, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}

/**
 * A module's index entry: every name its summary answers for, and each leading part of one
 * (`api` and `api.images` of `api.images.remove`, `make` of `make().remove`), as an importer
 * asks for the name it imports before the member it reads.
 */
function indexEntry(summary: ModuleSummary): ModuleIndex {
  const names = new Set<string>();
  for (const map of [summary.values, summary.functions, summary.builders] as Map<string, unknown>[])
    for (const name of map.keys()) {
      names.add(name);
      for (let at = 1; at < name.length; at++)
        if (name[at] === '.' || name[at] === '(') names.add(name.slice(0, at));
    }
  return { names };
}

/**
 * How a module reaches the client instances other modules export: `import { http } from './http'`
 * where `http.ts` has `export const http = axios.create({ baseURL })`.
 */
export function importedClients(project: ProjectModules, fromUri: string): ImportedClients {
  return (specifier, name) => {
    const module = project.getModule(fromUri, specifier, name);
    const value = module?.values.get(name);
    const binding = module && value && module.clients.resolveValue(value);
    if (!module || !binding || binding.home) return binding || undefined;
    const home = { index: module.index, clients: module.clients };
    // A factory's instance is made in its module too.
    const makes =
      binding.makes && (binding.makes.home ? binding.makes : { ...binding.makes, home });
    return { ...binding, home, ...(makes && { makes }) };
  };
}

function summariseModule(
  uri: string,
  text: string,
  modules: ProjectModules,
): ModuleSummary | undefined {
  // Parsed as an open document of the same name would be: the kind from the extension.
  const parsed = parseDocument(TextDocument.create(uri, '', 0, text));
  if (parsed?.kind !== 'code') return undefined;
  const sourceFile = parsed.sourceFile;
  const index = createFileIndex(sourceFile);
  const clients = createClientBindingResolver(index, importedClients(modules, uri));
  const shapes = recogniseCalls(index, [], clients);
  const summaries = summariseFunctions(index, shapes, modules);
  const values = new Map<string, ts.Expression>();
  const functions = new Map<string, FunctionSummary>();
  const builders = new Map<string, ts.FunctionDeclaration>();
  // A function's summary by its module-level name, through constants that alias it
  // (`export const checkAuth = getCurrentUser`).
  const summaryOf = (local: string, depth: number): FunctionSummary | undefined => {
    const declaration = index.scopes.get(sourceFile)?.get(local);
    if (!declaration) return undefined;
    const value = declaration.initializer && skipOuterExpressions(declaration.initializer);
    const summary = summaries.get(declaration.node) ?? (value && summaries.get(value));
    if (summary || !value || !ts.isIdentifier(value) || !declaration.constant || depth > 4)
      return summary;
    return summaryOf(value.text, depth + 1);
  };
  // The public methods of an instance, under `prefix`: of a class of the file, or of one another
  // module exports (`export const contacts = new Contacts(http)`), read there.
  const exportInstanceMethods = (value: ts.Expression, prefix: string) => {
    const owner = instanceOwner(index, value);
    if (owner) {
      for (const [method, summary] of summaries.methodsOf(owner))
        if (!method.startsWith('#') && !isStatic(summary))
          functions.set(`${prefix}${method}`, summary);
      return;
    }
    const made = skipOuterExpressions(value);
    const classRef = ts.isNewExpression(made) ? skipOuterExpressions(made.expression) : undefined;
    const found =
      classRef && ts.isIdentifier(classRef) ? importedModule(index, modules, classRef) : undefined;
    if (!found) return;
    const methods = `${found.imported}.prototype.`;
    for (const [name, summary] of found.module.functions)
      if (name.startsWith(methods) && !name.slice(methods.length).includes('.'))
        functions.set(`${prefix}${name.slice(methods.length)}`, summary);
  };
  // The members of a class that hold an instance made in it (`this.images = new Images(…)`, a
  // field `images = new Images()`), set once.
  const memberInstances = (owner: ts.ClassLikeDeclaration): [string, ts.Expression][] => {
    const found: [string, ts.Expression][] = [];
    for (const [key, values] of index.memberAssignments) {
      const own = values.filter((value) => isWithin(value, owner));
      const value = own.length === 1 ? skipOuterExpressions(own[0]!) : undefined;
      const field = key.slice('this.'.length);
      if (value && ts.isNewExpression(value) && !field.startsWith('#')) found.push([field, value]);
    }
    return found;
  };
  const exportLocal = (exported: string, local: string) => {
    const declaration = index.scopes.get(sourceFile)?.get(local);
    if (!declaration) return;
    const summary = summaryOf(local, 0);
    if (summary) functions.set(exported, summary);
    else if (ts.isFunctionDeclaration(declaration.node)) builders.set(exported, declaration.node);
    else if (declaration.constant && declaration.initializer)
      values.set(exported, declaration.initializer);
    // The members of an exported API object: `api.get` when `api` is exported.
    // And of the API object an exported factory returns: `createClient().remove`.
    for (const each of summaries.values())
      if (each.name.startsWith(`${local}.`) || each.name.startsWith(`${local}().`))
        functions.set(`${exported}${each.name.slice(local.length)}`, each);
    // The methods of an exported instance (`dam.deleteImage` when `export const dam = new
    // Dam()`), and of the instances of an exported class (`Dam.prototype.deleteImage`).
    const instanceOf = declaration.constant && declaration.initializer;
    const owner = instanceOf ? instanceOwner(index, instanceOf) : undefined;
    const exportMethods = (of: ts.Node, prefix: string, statics?: string) => {
      // `#private` methods are the class's own.
      for (const [method, summary] of summaries.methodsOf(of))
        if (!method.startsWith('#'))
          functions.set(`${statics && isStatic(summary) ? statics : prefix}${method}`, summary);
      // A facade's members holding instances (`this.images = new Images(…)`): `api.images.remove`.
      if (ts.isClassLike(of))
        for (const [field, value] of memberInstances(of))
          exportInstanceMethods(value, `${prefix}${field}.`);
    };
    if (owner) exportMethods(owner, `${exported}.`);
    else if (instanceOf) exportInstanceMethods(instanceOf, `${exported}.`);
    // Instance methods as `Dam.prototype.deleteImage`, static ones as `Dam.deleteImage`.
    if (ts.isClassDeclaration(declaration.node))
      exportMethods(declaration.node, `${exported}.prototype.`, `${exported}.`);
  };
  // CommonJS: `module.exports = remove`, `module.exports = { remove, BASE: '…' }`,
  // `exports.remove = remove`, and `module.exports = new Dam()` with the instance's methods.
  const exportCommonJs = (assignment: ts.BinaryExpression) => {
    const name = commonJsExportName(assignment.left);
    if (!name) return;
    const value = skipOuterExpressions(assignment.right);
    if (ts.isIdentifier(value)) {
      exportLocal(name, value.text);
      return;
    }
    exportInstanceMethods(value, `${name}.`);
    values.set(name, assignment.right);
    if (!ts.isObjectLiteralExpression(value)) return;
    for (const property of value.properties) {
      const key = property.name && getPropertyNameText(property.name);
      if (key === undefined) continue;
      if (ts.isShorthandPropertyAssignment(property)) exportLocal(`${name}.${key}`, key);
      else if (ts.isPropertyAssignment(property)) {
        const initializer = skipOuterExpressions(property.initializer);
        if (ts.isIdentifier(initializer)) exportLocal(`${name}.${key}`, initializer.text);
        else values.set(`${name}.${key}`, property.initializer);
      }
    }
  };
  for (const statement of sourceFile.statements) {
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((each) => each.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    const isDefault = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((each) => each.kind === ts.SyntaxKind.DefaultKeyword)
      : false;
    if (
      exported &&
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
      statement.name
    )
      exportLocal(isDefault ? 'default' : statement.name.text, statement.name.text);
    else if (exported && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name))
          exportLocal(declaration.name.text, declaration.name.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements)
        exportLocal(element.name.text, (element.propertyName ?? element.name).text);
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const value = skipOuterExpressions(statement.expression);
      if (ts.isIdentifier(value)) exportLocal('default', value.text);
      else {
        values.set('default', statement.expression);
        // `export default new Dam()`: the instance's public methods.
        exportInstanceMethods(value, 'default.');
      }
    } else if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      exportCommonJs(statement.expression);
    }
  }
  // Inline functions of `export default { … }`, `module.exports = { … }` and `exports.x = (…) => …`.
  for (const summary of summaries.values())
    if (
      summary.name === 'module.exports' ||
      summary.name.startsWith('module.exports.') ||
      summary.name.startsWith('default.')
    )
      functions.set(summary.name, summary);
  // `import api from './api'` of a CommonJS module gets its `module.exports`.
  for (const map of [functions, values, builders] as Map<string, unknown>[]) {
    if ([...map.keys()].some((name) => name === 'default' || name.startsWith('default.'))) continue;
    for (const [name, value] of [...map])
      if (name === 'module.exports' || name.startsWith('module.exports.'))
        map.set(`default${name.slice('module.exports'.length)}`, value);
  }
  return { index, values, functions, builders, clients };
}

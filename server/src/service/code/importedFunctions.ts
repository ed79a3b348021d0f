import ts from 'typescript';
import { findLocalDeclaration, type FileIndex } from './fileIndex';
import type { ModuleSummary, ProjectModules } from './functionSummaries';
import { isInlineFunction, skipOuterExpressions } from './syntax';

/**
 * The module an imported name comes from, unless a local declaration of the name shadows the
 * import; `member` is what is read of a namespace import (`routes` of `import * as routes`), when
 * it is one. Undefined when the module exports nothing under the name read, or when no member of
 * a namespace import is read.
 */
export function importedModule(
  index: FileIndex,
  project: ProjectModules,
  name: ts.Identifier,
  member?: string,
): { module: ModuleSummary; imported: string } | undefined {
  const binding = index.imports.get(name.text);
  if (!binding || findLocalDeclaration(index, name.text, name)) return undefined;
  const read = binding.imported === '*' ? member : binding.imported;
  // A namespace is only read through its members: not parsed to find none was named.
  if (read === undefined) return undefined;
  const module = project.getModule(index.sourceFile.fileName, binding.module, read);
  return module && { module, imported: binding.imported };
}

/**
 * The function another module of the project exports that `callee` names: imported by name or as
 * the default, or a member of a namespace import or of a required module (`routes.imageUrl`,
 * `http.handleResponse`); an exported function declaration, or a constant's inline function.
 */
export function importedFunction(
  index: FileIndex,
  project: ProjectModules,
  callee: ts.Expression,
): { index: FileIndex; fn: ts.SignatureDeclaration } | undefined {
  const name = ts.isIdentifier(callee)
    ? { root: callee, member: undefined }
    : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
      ? { root: callee.expression, member: callee.name.text }
      : undefined;
  const found = name && importedModule(index, project, name.root, name.member);
  const exportName =
    found &&
    (name.member === undefined
      ? found.imported
      : found.imported === '*'
        ? name.member
        : found.imported === 'module.exports' && `module.exports.${name.member}`);
  if (!found || !exportName) return undefined;
  const declared = found.module.builders.get(exportName);
  if (declared?.body) return { index: found.module.index, fn: declared };
  const value = found.module.values.get(exportName);
  const inner = value && skipOuterExpressions(value);
  return inner && isInlineFunction(inner) ? { index: found.module.index, fn: inner } : undefined;
}

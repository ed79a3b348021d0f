import { findNodeAtOffset, getNodePath, type Node as JsonNode } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LocationLink, Position, Range } from 'vscode-languageserver-types';
import { isPair, isScalar, parseDocument, visit, type Scalar } from 'yaml';
import { getCodeAnalysis } from '../code/codeAnalysis';
import { isCatalogPath, isProjectConfigUri } from '../config/projectConfig';
import type { ParsedDocument } from '../documents/parsedDocument';
import { parseReference } from '../openapi/references';
import { parseSpecFile } from '../openapi/specFile';
import type { ServiceContext } from '../serviceContext';

/** Where a value of a workspace file sits: the range of the whole value and of its key. */
export interface LocatedValue {
  /** The value (an operation object, a schema), for peek. */
  range: Range;
  /** Its key (`delete:`, `Problem:`), where the cursor lands; the value's range when it has no key. */
  selectionRange: Range;
}

/**
 * Finds values in the workspace's spec files as they were last loaded, so that navigation never
 * reads a file itself. The server passes the loader's parsed files; tests pass their own.
 */
export interface SpecLocator {
  /** The value at `pointer` (decoded segments) in the file; undefined when the file was not loaded or holds no such value. */
  locate(uri: string, pointer: readonly string[]): LocatedValue | undefined;
}

const fileStart: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Go to definition: from a recognised call's URL to the operation in its spec, from a `$ref` in
 * a JSON or YAML document to what it names, and from the config's `specs`, `catalogs` and `apis`
 * values to the files they name. Null anywhere else.
 */
export function doDefinition(
  document: TextDocument,
  position: Position,
  parsed: ParsedDocument | undefined,
  context: ServiceContext,
  locator: SpecLocator,
): LocationLink[] | null {
  const offset = document.offsetAt(position);
  if (parsed?.kind === 'code') {
    const analysis = getCodeAnalysis(parsed, context);
    const sourceFile = parsed.sourceFile;
    for (const call of analysis.calls) {
      const location = call.match?.operation?.location;
      const start = call.urlNode.getStart(sourceFile);
      if (!location || offset < start || offset > call.urlNode.end) continue;
      const reference = parseReference(`#${location.pointer}`, location.uri);
      const target =
        'uri' in reference ? locator.locate(location.uri, reference.pointer) : undefined;
      return [
        link(
          { start: document.positionAt(start), end: document.positionAt(call.urlNode.end) },
          location.uri,
          target,
        ),
      ];
    }
    return null;
  }
  if (parsed?.kind === 'json') {
    const node = parsed.root && findNodeAtOffset(parsed.root, offset);
    if (node?.type !== 'string') return null;
    const origin = rangeOfNode(document, node);
    if (node.parent?.type === 'property') {
      const key = node.parent.children?.[0];
      if (key === node) return null;
      if (key?.value === '$ref') return refLink(document, origin, String(node.value), locator);
    }
    return isProjectConfigUri(document.uri)
      ? configLink(document, origin, getNodePath(node), String(node.value), context)
      : null;
  }
  if (/\.ya?ml$/i.test(document.uri.split(/[?#]/)[0]!)) {
    const ref = findYamlRef(document.getText(), offset);
    return ref
      ? refLink(
          document,
          { start: document.positionAt(ref.start), end: document.positionAt(ref.end) },
          ref.value,
          locator,
        )
      : null;
  }
  return null;
}

function link(origin: Range, uri: string, target: LocatedValue | undefined): LocationLink {
  return {
    originSelectionRange: origin,
    targetUri: uri,
    targetRange: target?.range ?? fileStart,
    targetSelectionRange: target?.selectionRange ?? fileStart,
  };
}

function rangeOfNode(document: TextDocument, node: JsonNode): Range {
  return {
    start: document.positionAt(node.offset),
    end: document.positionAt(node.offset + node.length),
  };
}

/** A `$ref`'s target: in this document as edited, or in the file it names as last loaded. */
function refLink(
  document: TextDocument,
  origin: Range,
  ref: string,
  locator: SpecLocator,
): LocationLink[] | null {
  const reference = parseReference(ref, document.uri);
  if (!('uri' in reference)) return null;
  if (reference.uri === document.uri) {
    const file = parseSpecFile(document.uri, document.getText());
    const range = file.rangeAt(reference.pointer);
    if (!range) return null;
    const selectionRange = file.rangeAt(reference.pointer, true) ?? range;
    return [link(origin, document.uri, { range, selectionRange })];
  }
  return [link(origin, reference.uri, locator.locate(reference.uri, reference.pointer))];
}

/** The file a config value names: a spec path, a catalog file, or the spec or catalog file of an API id. */
function configLink(
  document: TextDocument,
  origin: Range,
  path: readonly (string | number)[],
  value: string,
  context: ServiceContext,
): LocationLink[] | null {
  const [section] = path;
  const isPath = (entry: string) => isCatalogPath(entry) || /\.ya?ml$/i.test(entry);
  let uri: string | undefined;
  if (path.length === 2 && (section === 'specs' || section === 'catalogs')) {
    // A glob names many files; a built-in catalog id names none in the workspace.
    if (isPath(value) && !/[*?[{]/.test(value)) uri = resolveFile(value, document.uri);
  } else if (path.length === 2 && section === 'apis') {
    uri =
      context.contracts.getApi(value)?.source.uri ??
      (isPath(value) ? resolveFile(value, document.uri) : undefined);
  }
  return uri ? [link(origin, uri, undefined)] : null;
}

function resolveFile(relative: string, configUri: string): string | undefined {
  try {
    return new URL(relative.replace(/\\/g, '/'), configUri).href;
  } catch {
    return undefined;
  }
}

/** The `$ref` value scalar holding `offset` in a YAML text, with its offsets. */
function findYamlRef(
  text: string,
  offset: number,
): { value: string; start: number; end: number } | undefined {
  // Nothing to find without `$ref` in the text: the common case costs no YAML parse.
  if (!text.includes('$ref')) return undefined;
  let found: { value: string; start: number; end: number } | undefined;
  visit(parseDocument(text, { uniqueKeys: false }), {
    Pair(_key, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== '$ref') return undefined;
      const value = pair.value as Scalar | null;
      const range = isScalar(value) ? value.range : undefined;
      if (!range || offset < range[0] || offset > range[1] || typeof value!.value !== 'string')
        return undefined;
      found = { value: value!.value, start: range[0], end: range[1] };
      return visit.BREAK;
    },
  });
  return found;
}

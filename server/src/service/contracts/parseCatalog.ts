import * as jsonc from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import { toApiContract } from './catalogContract';
import { validateCatalogValue, type CatalogSchemaError } from './catalogSchema';
import type { ApiContract } from './model';
import { DiagnosticCode } from '../diagnostics';

/** What loading one catalog file gives. */
export interface ParsedCatalog {
  /** The contract; undefined when the file has errors, so a broken catalog is never half-used. */
  contract?: ApiContract;
  /** Problems at the offending members. */
  diagnostics: Diagnostic[];
}

/**
 * Loads a catalog file: parses it (comments and trailing commas allowed), validates it against
 * the catalog schema and converts it to the contract model. Never throws: every problem becomes
 * a diagnostic at the member it is about.
 */
export function parseCatalog(text: string, uri: string): ParsedCatalog {
  const document = TextDocument.create(uri, 'json', 0, text);
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return getCatalogDiagnostics(document, root, errors, (value) =>
    toApiContract(value, { kind: 'catalog', uri }),
  );
}

/** The diagnostics of an already parsed catalog document, and the contract when there are none. */
export function getCatalogDiagnostics(
  document: TextDocument,
  root: jsonc.Node | undefined,
  syntaxErrors: readonly jsonc.ParseError[],
  convert: (
    catalog: NonNullable<ReturnType<typeof validateCatalogValue>['catalog']>,
  ) => ApiContract,
): ParsedCatalog {
  const diagnostics: Diagnostic[] = syntaxErrors.map((error) =>
    diagnostic(
      document,
      {
        start: document.positionAt(error.offset),
        end: document.positionAt(error.offset + Math.max(error.length, 1)),
      },
      `Invalid JSON: ${describeParseError(error.error)}.`,
      DiagnosticCode.catalogSyntax,
    ),
  );
  if (!root) {
    if (diagnostics.length === 0)
      diagnostics.push(
        diagnostic(
          document,
          emptyRange(),
          'A catalog must be a JSON object.',
          DiagnosticCode.catalogSchema,
        ),
      );
    return { diagnostics };
  }
  const { catalog, errors } = validateCatalogValue(jsonc.getNodeValue(root));
  for (const error of errors)
    diagnostics.push(
      diagnostic(
        document,
        rangeOf(document, root, error),
        error.message,
        DiagnosticCode.catalogSchema,
        error.pointer,
      ),
    );
  if (catalog) diagnostics.push(...findDuplicates(document, root));
  if (!catalog || diagnostics.some((each) => each.severity === DiagnosticSeverity.Error))
    return { diagnostics };
  try {
    return { contract: convert(catalog), diagnostics };
  } catch (error) {
    // The schema admits only what the conversion handles; this is a last line of defence.
    diagnostics.push(
      diagnostic(
        document,
        rangeOf(document, root, { pointer: '', message: '' }),
        `The catalog could not be loaded: ${String(error)}.`,
        DiagnosticCode.catalogSchema,
      ),
    );
    return { diagnostics };
  }
}

/** Operations repeating a method and path, and error codes repeating a field and code, shadow each other silently. */
function findDuplicates(document: TextDocument, root: jsonc.Node): Diagnostic[] {
  const result: Diagnostic[] = [];
  const check = (
    member: string,
    identity: (item: jsonc.Node) => string | undefined,
    what: string,
  ) => {
    const list = jsonc.findNodeAtLocation(root, [member]);
    const seen = new Set<string>();
    for (const item of list?.children ?? []) {
      const id = identity(item);
      if (id === undefined) continue;
      if (seen.has(id))
        result.push({
          ...diagnostic(
            document,
            nodeRange(document, item),
            `${what} ${id} is listed twice; the first entry hides this one.`,
            DiagnosticCode.catalogDuplicate,
            `/${member}/${list!.children!.indexOf(item)}`,
          ),
          severity: DiagnosticSeverity.Warning,
        });
      seen.add(id);
    }
  };
  const text = (item: jsonc.Node, key: string) => {
    const value = jsonc.findNodeAtLocation(item, [key])?.value;
    return typeof value === 'string' ? value : undefined;
  };
  check(
    'operations',
    (item) => {
      const method = text(item, 'method');
      const path = text(item, 'path');
      // Parameter names do not matter to matching: `/a/{id}` and `/a/{key}` are the same template.
      return method && path
        ? `${method.toUpperCase()} ${path.replace(/\{[^{}]*\}/g, '{}')}`
        : undefined;
    },
    'Operation',
  );
  check(
    'errorCodes',
    (item) => {
      const field = text(item, 'field');
      const code = text(item, 'code');
      return field && code ? `"${field}": "${code}"` : undefined;
    },
    'Error code',
  );
  return result;
}

function rangeOf(document: TextDocument, root: jsonc.Node, error: CatalogSchemaError): Range {
  const node = findNodeAtPointer(root, error.pointer);
  if (error.key !== undefined && node.type === 'object') {
    const property = node.children?.find((child) => child.children?.[0]?.value === error.key);
    if (property?.children?.[0]) return nodeRange(document, property.children[0]);
  }
  if (error.missing) {
    // Underline the key of the incomplete object, or its opening brace at the root.
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    if (key) return nodeRange(document, key);
    return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + 1) };
  }
  return nodeRange(document, node);
}

/** The deepest node a JSON Pointer reaches; `"409"` is a key in an object and an index only in an array. */
function findNodeAtPointer(root: jsonc.Node, pointer: string): jsonc.Node {
  let node = root;
  for (const segment of pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer)) {
    const next =
      node.type === 'array'
        ? node.children?.[Number(segment)]
        : node.type === 'object'
          ? node.children?.find((property) => property.children?.[0]?.value === segment)
              ?.children?.[1]
          : undefined;
    if (!next) break;
    node = next;
  }
  return node;
}

function nodeRange(document: TextDocument, node: jsonc.Node): Range {
  return {
    start: document.positionAt(node.offset),
    end: document.positionAt(node.offset + node.length),
  };
}

function emptyRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function diagnostic(
  document: TextDocument,
  range: Range,
  message: string,
  code: string,
  pointer?: string,
): Diagnostic {
  return {
    range,
    severity: DiagnosticSeverity.Error,
    code,
    source: diagnosticSource,
    message,
    ...(pointer !== undefined && { data: { uri: document.uri, pointer } }),
  };
}

function describeParseError(code: jsonc.ParseErrorCode): string {
  return jsonc
    .printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

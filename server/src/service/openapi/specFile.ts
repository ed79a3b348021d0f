import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { DiagnosticCode } from '../diagnostics';
import { exceedsAliasBudget, toValueWithinBudget } from './yamlAliases';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';

/** A path into a parsed file: object keys and array indexes. */
export type ValuePath = readonly (string | number)[];

/** One file of an OpenAPI document (the root, or a file reached through a `$ref`), parsed once. */
export interface SpecFile {
  /** The file's URI. */
  uri: string;
  /** The parsed value; undefined when the text does not parse at all. */
  value: unknown;
  /**
   * Problems of the text itself, each with its range: syntax errors, and YAML aliases left out
   * (recursive, or over the expansion budget) with their own `code`. Non-empty with a value means
   * the parse recovered.
   */
  syntaxErrors: { message: string; range: Range; code?: string }[];
  /** The range of the value at `path` (or of its key, with `key`), for diagnostics; undefined when the path does not exist. */
  rangeAt(path: ValuePath, key?: boolean): Range | undefined;
}

/**
 * Parses a JSON or YAML file. JSON goes through `JSON.parse` (a 2 MB description in tens of
 * milliseconds) and the position-keeping tree is only built when a diagnostic needs a range.
 */
export function parseSpecFile(uri: string, text: string): SpecFile {
  return isJsonText(uri, text) ? parseJsonFile(uri, text) : parseYamlFile(uri, text);
}

function isJsonText(uri: string, text: string): boolean {
  const path = uri.split(/[?#]/)[0]!.toLowerCase();
  if (path.endsWith('.json')) return true;
  if (path.endsWith('.yaml') || path.endsWith('.yml')) return false;
  return /^\s*[{[]/.test(text);
}

function parseJsonFile(uri: string, text: string): SpecFile {
  let lines: TextDocument | undefined;
  const positions = () => (lines ??= TextDocument.create(uri, 'json', 0, text));
  let tree: JsonNode | undefined;
  let treeBuilt = false;
  const errors: ParseError[] = [];
  const getTree = () => {
    if (!treeBuilt) {
      treeBuilt = true;
      tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    }
    return tree;
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const root = getTree();
    value = root ? toValue(root) : undefined;
  }
  const rangeOf = (offset: number, length: number): Range => ({
    start: positions().positionAt(offset),
    end: positions().positionAt(offset + length),
  });
  return {
    uri,
    value,
    syntaxErrors: errors.map((error) => ({
      message: describeJsonError(error),
      range: rangeOf(error.offset, error.length),
    })),
    rangeAt(path, key) {
      const root = getTree();
      if (!root) return undefined;
      const node = path.length === 0 ? root : findNodeAtLocation(root, [...path]);
      if (!node) return undefined;
      const target = key && node.parent?.type === 'property' ? node.parent.children![0]! : node;
      return rangeOf(target.offset, target.length);
    },
  };
}

function toValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? [])
          .filter((property) => property.children?.length === 2)
          .map((property) => [
            property.children![0]!.value as string,
            toValue(property.children![1]!),
          ]),
      );
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

function describeJsonError(error: ParseError): string {
  const name = printParseErrorCode(error.error);
  return `The file is not valid JSON: ${name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}.`;
}

function parseYamlFile(uri: string, text: string): SpecFile {
  // js-yaml builds the value about ten times faster than a position-keeping parse; the `yaml`
  // document (ranges, recovery, every error) is only built when a diagnostic needs it.
  let value: unknown;
  let fastParseFailed = false;
  try {
    value = loadYaml(text, { filename: uri, json: true, schema: CORE_SCHEMA });
  } catch {
    fastParseFailed = true;
  }
  let positions: { document: Document; lineCounter: LineCounter } | undefined;
  const getPositions = () => {
    if (!positions) {
      const lineCounter = new LineCounter();
      positions = {
        document: parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false }),
        lineCounter,
      };
    }
    return positions;
  };
  const rangeOf = (start: number, end: number): Range => {
    const { lineCounter } = getPositions();
    const from = lineCounter.linePos(start);
    const to = lineCounter.linePos(end);
    return {
      start: { line: from.line - 1, character: from.col - 1 },
      end: { line: to.line - 1, character: to.col - 1 },
    };
  };
  let syntaxErrors: SpecFile['syntaxErrors'] = [];
  // A value that contains itself, or whose aliases expand past the budget, would send every walk
  // over it into a loop or a billion steps: it is built again from the document, within bounds.
  const rebuild = fastParseFailed || (text.includes('*') && exceedsAliasBudget(value));
  if (rebuild) {
    const { document } = getPositions();
    if (fastParseFailed) {
      syntaxErrors = document.errors.map((error) => ({
        message: `The file is not valid YAML: ${error.message.split('\n')[0]}`,
        range: rangeOf(error.pos[0], Math.max(error.pos[1], error.pos[0])),
      }));
      if (syntaxErrors.length === 0)
        syntaxErrors = [{ message: 'The file is not valid YAML.', range: rangeOf(0, 0) }];
    }
    const rebuilt = toValueWithinBudget(document);
    value = rebuilt.value;
    for (const problem of rebuilt.problems)
      syntaxErrors.push({
        message: problem.message,
        range: rangeOf(problem.range[0], problem.range[1]),
        code: DiagnosticCode.yamlAlias,
      });
  }
  return {
    uri,
    value,
    syntaxErrors,
    rangeAt(path, key) {
      let node: unknown = getPositions().document.contents;
      let keyNode: unknown;
      for (const segment of path) {
        keyNode = undefined;
        if (isMap(node)) {
          const pair = node.items.find(
            (item) =>
              isPair(item) &&
              String(isScalar(item.key) ? item.key.value : item.key) === String(segment),
          );
          if (!pair) return undefined;
          keyNode = pair.key;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          node = node.items[segment];
        } else {
          return undefined;
        }
      }
      const target = (key && keyNode ? keyNode : node) as YamlNode | undefined;
      const range = target?.range;
      return range ? rangeOf(range[0], range[1]) : undefined;
    },
  };
}

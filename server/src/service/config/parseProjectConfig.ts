import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import { isArgumentIndex, isHttpStatus } from '../../../../common/settings';
import {
  isCatalogPath,
  projectConfigKeys,
  ruleSeverities,
  type ProjectConfig,
  type RuleSeverity,
  type WrapperConfig,
} from './projectConfig';
import { DiagnosticCode } from '../diagnostics';
import { getBuiltinContracts } from '../contracts/builtinContracts';
import { globProblem } from './globPattern';

/** A parsed project config. */
export interface ParsedProjectConfig {
  /** What was present and valid; invalid members are left out. */
  config: ProjectConfig;
  /** False when the text does not parse: callers keep the last good config. */
  parsed: boolean;
  /** Problems, each at the key or value concerned. */
  diagnostics: Diagnostic[];
  /** The range of the value at `path`, for problems found later (a spec glob matching no file). */
  rangeAt(path: readonly (string | number)[]): Range | undefined;
}

/** Parses and validates the text of `api-error-contracts.json` (comments and trailing commas allowed). */
export function parseProjectConfig(text: string, uri: string): ParsedProjectConfig {
  const document = TextDocument.create(uri, 'jsonc', 0, text);
  const rangeOf = (node: { offset: number; length: number }): Range => ({
    start: document.positionAt(node.offset),
    end: document.positionAt(node.offset + node.length),
  });
  const diagnostics: Diagnostic[] = [];
  const report = (
    node: { offset: number; length: number },
    severity: DiagnosticSeverity,
    code: string,
    message: string,
  ) =>
    diagnostics.push({ range: rangeOf(node), severity, code, source: diagnosticSource, message });

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const rangeAt = (path: readonly (string | number)[]) => {
    const node = root && findNodeAtLocation(root, [...path]);
    return node ? rangeOf(node) : undefined;
  };
  for (const error of errors) {
    const name = printParseErrorCode(error.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    report(
      error,
      DiagnosticSeverity.Error,
      DiagnosticCode.configSyntaxError,
      `The config is not valid JSON: ${name}.`,
    );
  }
  if (errors.length > 0 || !root) return { config: {}, parsed: false, diagnostics, rangeAt };
  if (root.type !== 'object') {
    report(
      root,
      DiagnosticSeverity.Error,
      DiagnosticCode.configInvalidValue,
      'The config must be an object with `specs`, `catalogs`, `apis`, … members.',
    );
    return { config: {}, parsed: true, diagnostics, rangeAt };
  }

  const config: ProjectConfig = {};
  const invalid = (node: Node, message: string) =>
    report(node, DiagnosticSeverity.Error, DiagnosticCode.configInvalidValue, message);
  // A name the product does not know is likely a typo, or one a newer version knows: a warning.
  const unknownName = (node: Node, message: string) =>
    report(node, DiagnosticSeverity.Warning, DiagnosticCode.configInvalidValue, message);
  const validGlob = (glob: string, node: Node) => {
    const problem = globProblem(glob);
    if (problem)
      invalid(
        node,
        `\`${glob.length > 80 ? `${glob.slice(0, 80)}…` : glob}\` cannot be used as a glob: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`,
      );
    return problem === undefined;
  };
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = keyNode.value as string;
    switch (key) {
      case '$schema':
        break;
      case 'specs':
      case 'ignore': {
        const list = stringList(valueNode, key, invalid, (value, node) => validGlob(value, node));
        if (list) config[key] = list;
        break;
      }
      case 'catalogs': {
        const list = stringList(valueNode, key, invalid, (value, node) => {
          if (isCatalogPath(value)) return true;
          const ids = getBuiltinContracts().map((contract) => contract.id);
          if (ids.includes(value)) return true;
          unknownName(
            node,
            `\`${value}\` is not a built-in catalog${suggestion(value, ids)}; the built-in catalogs are ${quoted(ids)}, and a catalog file of the project is named by its path (\`contracts/billing.json\`).`,
          );
          return false;
        });
        if (list) config.catalogs = list;
        break;
      }
      case 'apis': {
        const map = stringMap(valueNode, key, invalid);
        if (map) config.apis = map;
        break;
      }
      case 'payloads': {
        const map = stringMap(valueNode, key, invalid, undefined, (glob, node) =>
          validGlob(glob, node),
        );
        if (map) config.payloads = map;
        break;
      }
      case 'rules': {
        const codes: readonly string[] = Object.values(DiagnosticCode);
        const map = stringMap(
          valueNode,
          key,
          invalid,
          (value, node) => {
            if ((ruleSeverities as readonly string[]).includes(value)) return true;
            invalid(
              node,
              `\`${value}\` is not a severity; use one of ${ruleSeverities.map((each) => `\`${each}\``).join(', ')}.`,
            );
            return false;
          },
          (code, node) => {
            if (codes.includes(code)) return true;
            unknownName(
              node,
              `\`${code}\` is not a diagnostic code${suggestion(code, codes)}; the codes are ${quoted(codes)}.`,
            );
            return false;
          },
        );
        if (map) config.rules = map as Record<string, RuleSeverity>;
        break;
      }
      case 'wrappers': {
        if (valueNode.type !== 'array') {
          invalid(valueNode, '`wrappers` must be an array of function names (or wrapper objects).');
          break;
        }
        const wrappers: WrapperConfig[] = [];
        for (const item of valueNode.children ?? []) {
          const value = toValue(item);
          const problem = wrapperProblem(value);
          if (problem === undefined) wrappers.push(value as WrapperConfig);
          else
            invalid(
              item,
              `A wrapper is a function name such as \`api.del\`, or an object such as \`{ "function": "api.del", "method": "DELETE" }\`: ${problem}.`,
            );
        }
        config.wrappers = wrappers;
        break;
      }
      default:
        report(
          keyNode,
          DiagnosticSeverity.Warning,
          DiagnosticCode.configUnknownKey,
          `\`${key}\` is not a config key; the config knows ${projectConfigKeys.map((each) => `\`${each}\``).join(', ')}.`,
        );
    }
  }
  return { config, parsed: true, diagnostics, rangeAt };
}

function stringList(
  node: Node,
  key: string,
  invalid: (node: Node, message: string) => void,
  accept: (value: string, node: Node) => boolean = () => true,
): string[] | undefined {
  if (node.type !== 'array') {
    invalid(node, `\`${key}\` must be an array of strings.`);
    return undefined;
  }
  const list: string[] = [];
  for (const item of node.children ?? []) {
    if (item.type !== 'string' || item.value === '')
      invalid(item, `Each entry of \`${key}\` must be a non-empty string.`);
    else if (accept(item.value as string, item)) list.push(item.value as string);
  }
  return list;
}

function stringMap(
  node: Node,
  key: string,
  invalid: (node: Node, message: string) => void,
  accept: (value: string, node: Node) => boolean = () => true,
  acceptKey: (key: string, node: Node) => boolean = () => true,
): Record<string, string> | undefined {
  if (node.type !== 'object') {
    invalid(node, `\`${key}\` must be an object whose values are strings.`);
    return undefined;
  }
  const map: Record<string, string> = {};
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    if (!acceptKey(keyNode.value as string, keyNode)) continue;
    if (valueNode.type !== 'string')
      invalid(
        valueNode,
        `The value of \`${keyNode.value as string}\` in \`${key}\` must be a string.`,
      );
    else if (accept(valueNode.value as string, valueNode))
      map[keyNode.value as string] = valueNode.value as string;
  }
  return map;
}

function quoted(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(', ');
}

/** ` (did you mean `unhandled-status`?)` for a name one or two edits away from a known one. */
function suggestion(name: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const each of known) {
    const distance = editDistance(name, each, bestDistance);
    if (distance < bestDistance) {
      best = each;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean \`${best}\`?)`;
}

function editDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) >= bound || a.length > 200) return bound;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

function toValue(node: Node): unknown {
  if (node.type === 'object')
    return Object.fromEntries(
      (node.children ?? [])
        .filter((p) => p.children?.length === 2)
        .map((p) => [p.children![0]!.value as string, toValue(p.children![1]!)]),
    );
  if (node.type === 'array') return (node.children ?? []).map(toValue);
  return node.value;
}

const isText = (member: unknown) => typeof member === 'string' && member !== '';
// What the settings keep of a wrapper entry is what is valid here.
const isStatuses = (member: unknown) => Array.isArray(member) && member.every(isHttpStatus);

/** Each member a wrapper object may have: what it must be, and how to say so. */
const wrapperMembers: Record<string, { valid: (member: unknown) => boolean; expected: string }> = {
  function: { valid: isText, expected: 'the name it is called by' },
  method: { valid: isText, expected: 'a method such as `DELETE`' },
  urlArgument: { valid: isArgumentIndex, expected: 'an argument index, from 0' },
  methodArgument: { valid: isArgumentIndex, expected: 'an argument index, from 0' },
  baseUrl: { valid: isText, expected: 'a URL' },
  api: { valid: isText, expected: "a catalog id or a spec's path" },
  throws: { valid: (member) => typeof member === 'boolean', expected: '`true` or `false`' },
  handles: { valid: isStatuses, expected: 'a list of statuses (100 to 599)' },
  retries: { valid: isStatuses, expected: 'a list of statuses (100 to 599)' },
};

/** What is wrong with a `wrappers` entry (its first problem); undefined when it is well-formed. */
function wrapperProblem(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? 'the name is empty' : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'this is neither';
  const wrapper = value as Record<string, unknown>;
  if (wrapper.function === undefined) return '`function` is missing';
  for (const [key, member] of Object.entries(wrapper)) {
    const rule = wrapperMembers[key];
    if (!rule)
      return `\`${key}\` is not a member of one; it has ${Object.keys(wrapperMembers)
        .map((name) => `\`${name}\``)
        .join(', ')}`;
    if (!rule.valid(member)) return `\`${key}\` must be ${rule.expected}`;
  }
  return undefined;
}

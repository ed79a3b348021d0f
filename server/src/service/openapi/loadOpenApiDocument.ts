import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import {
  collectReferences,
  isObject,
  parseReference,
  resolvePointer,
  type ParsedReference,
} from './references';
import { parseSpecFile, type SpecFile, type ValuePath } from './specFile';
import { DiagnosticCode } from '../diagnostics';

/** How the loader reads files: the node side reads inside the workspace only, the tests read from memory. */
export interface SpecFileReader {
  /** The text of the file at `uri`; rejects with a message saying why when it cannot or may not be read. */
  readFile(uri: string): Promise<string>;
}

/** Options of {@link loadOpenApiDocument}. */
export interface LoadOptions {
  /** Parsed files kept from earlier loads, by URI; the loader reads only what is missing and adds what it parsed. */
  cache?: Map<string, SpecFile>;
  /** The most files one document may span (a public API's description can have thousands). */
  maxFiles?: number;
}

/** An OpenAPI document with every file its `$ref`s reach. */
export interface LoadedOpenApiDocument {
  /** The root file's URI. */
  uri: string;
  /** The root file; its value is undefined when it does not parse. */
  root: SpecFile;
  /** `2.0`, `3.0.3`, `3.1.0`, …; undefined when the root is not an OpenAPI document. */
  version?: string;
  /** Every file read for this document, the root included. */
  files: Map<string, SpecFile>;
  /** Every file the document depends on: those read and those named by a `$ref` but missing, so creating one re-loads the document. */
  dependencies: Set<string>;
  /** Every file a `$ref` of the document names, also those in example data and `x-` extensions, which are not read: the document's fragments. */
  referenced: Set<string>;
  /** Problems by file URI: syntax errors, `$ref`s that do not resolve, remote `$ref`s not followed. */
  problems: Map<string, Diagnostic[]>;
}

/**
 * Reads an OpenAPI document and, transitively, every file its `$ref`s name, checking that each
 * `$ref` resolves. Remote `$ref`s are reported and never fetched; files the reader refuses (outside
 * the workspace) are reported at the `$ref` that names them.
 */
export async function loadOpenApiDocument(
  uri: string,
  reader: SpecFileReader,
  options: LoadOptions = {},
): Promise<LoadedOpenApiDocument> {
  const cache = options.cache ?? new Map<string, SpecFile>();
  const maxFiles = options.maxFiles ?? 5000;
  const files = new Map<string, SpecFile>();
  const failures = new Map<string, string>();
  const problems = new Map<string, Diagnostic[]>();
  const report = (
    file: SpecFile,
    range: Range | undefined,
    severity: DiagnosticSeverity,
    code: string,
    message: string,
  ) => {
    const list = problems.get(file.uri) ?? [];
    list.push({
      range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity,
      code,
      source: diagnosticSource,
      message,
    });
    problems.set(file.uri, list);
  };

  const read = async (fileUri: string): Promise<SpecFile | undefined> => {
    const known = files.get(fileUri);
    if (known) return known;
    if (failures.has(fileUri)) return undefined;
    let file = cache.get(fileUri);
    if (!file) {
      if (files.size >= maxFiles) {
        failures.set(fileUri, `the document spans more than ${maxFiles} files`);
        return undefined;
      }
      try {
        file = parseSpecFile(fileUri, await reader.readFile(fileUri));
      } catch (error) {
        failures.set(fileUri, error instanceof Error ? error.message : String(error));
        return undefined;
      }
      cache.set(fileUri, file);
    }
    files.set(fileUri, file);
    for (const error of file.syntaxErrors)
      report(
        file,
        error.range,
        DiagnosticSeverity.Error,
        error.code ?? DiagnosticCode.specSyntaxError,
        error.message,
      );
    return file;
  };

  const root = await read(uri);
  if (!root) throw new Error(failures.get(uri) ?? `${uri} cannot be read`);
  const version = openApiVersion(root.value);
  const referenced = new Set<string>();
  // Every `$ref` in reading order, so that a cycle is reported where the walk from the root closes it.
  const followed: FollowedReference[] = [];
  const parse = createReferenceParser();
  if (version) {
    const queue: SpecFile[] = [root];
    for (let next = queue.shift(); next; next = queue.shift()) {
      const file = next;
      const references: { ref: string; path: ValuePath; reference: ParsedReference }[] = [];
      const targets = new Map<string, Promise<SpecFile | undefined>>();
      for (const { ref, path, inData } of collectReferences(file)) {
        const reference = parse(ref, file.uri);
        if ('uri' in reference) referenced.add(reference.uri);
        if (inData) continue;
        references.push({ ref, path, reference });
        if (
          'uri' in reference &&
          reference.uri !== file.uri &&
          !files.has(reference.uri) &&
          !targets.has(reference.uri)
        ) {
          targets.set(
            reference.uri,
            read(reference.uri).then((target) => {
              if (target) queue.push(target);
              return target;
            }),
          );
        }
      }
      await Promise.all(targets.values());
      for (const { ref, path, reference } of references) {
        // Ranges cost a position-keeping parse of the file: only problems ask for one.
        const range = () => file.rangeAt([...path, '$ref']);
        if ('reason' in reference) {
          report(
            file,
            range(),
            DiagnosticSeverity.Warning,
            DiagnosticCode.remoteRef,
            reference.reason === 'remote'
              ? `\`${ref}\` points to the network; remote references are not followed, so what it describes is left out.`
              : `\`${ref}\` uses a scheme that cannot be followed; use a path relative to this file.`,
          );
          continue;
        }
        const target = files.get(reference.uri);
        followed.push({ file, ref, path, reference });
        if (!target) {
          const why = failures.get(reference.uri) ?? 'it cannot be read';
          report(
            file,
            range(),
            DiagnosticSeverity.Error,
            DiagnosticCode.unresolvedRef,
            `\`${ref}\` does not resolve: ${why}.`,
          );
        } else if (
          target.value !== undefined &&
          resolvePointer(target.value, reference.pointer) === undefined
        ) {
          const where = reference.uri === file.uri ? 'this file' : `\`${ref.split('#')[0]}\``;
          report(
            file,
            range(),
            DiagnosticSeverity.Error,
            DiagnosticCode.unresolvedRef,
            `\`${ref}\` does not resolve: ${where} has nothing at \`#/${reference.pointer.join('/')}\`.`,
          );
        }
      }
    }
  }
  reportCycles(followed, files, parse, (file, path, ref) =>
    report(
      file,
      file.rangeAt([...path, '$ref']),
      DiagnosticSeverity.Error,
      DiagnosticCode.refCycle,
      `\`${ref}\` closes a cycle of references that never reaches a value, so what refers to it is left out.`,
    ),
  );
  referenced.delete(uri);
  return {
    uri,
    root,
    ...(version && { version }),
    files,
    dependencies: new Set([...files.keys(), ...failures.keys()]),
    referenced,
    problems,
  };
}

/**
 * Reports each `$ref` that closes a chain of references leading back to itself (`a: {$ref: b}`,
 * `b: {$ref: a}`): such a chain never reaches a value. A schema that contains itself further down
 * (a tree) is not a chain, and is fine.
 */
function reportCycles(
  followed: readonly FollowedReference[],
  files: ReadonlyMap<string, SpecFile>,
  parse: (ref: string, baseUri: string) => ParsedReference,
  reportAt: (file: SpecFile, path: ValuePath, ref: string) => void,
): void {
  // A location whose chain has been walked once is not walked again: each cycle is reported once,
  // where the first walk that enters it closes it.
  const settled = new Set<string>();
  const location = (uri: string, path: ValuePath) => `${uri}#${path.join('/')}`;
  for (const start of followed) {
    let current = start;
    let seen: Set<string> | undefined;
    for (;;) {
      const reference = current.reference;
      if ('reason' in reference) break;
      const file = files.get(reference.uri);
      const target = file && resolvePointer(file.value, reference.pointer);
      // Nearly every `$ref` ends at a value at once: only chains are walked.
      if (!file || !isObject(target) || typeof target.$ref !== 'string') break;
      if (!seen) {
        const startKey = location(start.file.uri, start.path);
        if (settled.has(startKey)) break;
        seen = new Set([startKey]);
      }
      const key = location(file.uri, reference.pointer);
      if (settled.has(key)) break;
      if (seen.has(key)) {
        reportAt(current.file, current.path, current.ref);
        break;
      }
      seen.add(key);
      current = {
        file,
        ref: target.$ref,
        path: reference.pointer,
        reference: parse(target.$ref, file.uri),
      };
    }
    for (const key of seen ?? []) settled.add(key);
  }
}

/** A `$ref` the loader followed: where it stands and what it names. */
interface FollowedReference {
  file: SpecFile;
  ref: string;
  path: ValuePath;
  reference: ParsedReference;
}

/**
 * {@link parseReference} remembered per folder: the files of one folder name the same shared
 * files over and over (`../../shared/responses/unauthorized.yml`).
 */
function createReferenceParser(): (ref: string, baseUri: string) => ParsedReference {
  const known = new Map<string, ParsedReference>();
  return (ref, baseUri) => {
    if (ref.startsWith('#')) return parseReference(ref, baseUri);
    const key = `${baseUri.slice(0, baseUri.lastIndexOf('/') + 1)}\n${ref}`;
    let parsed = known.get(key);
    if (!parsed) known.set(key, (parsed = parseReference(ref, baseUri)));
    return parsed;
  };
}

/** `2.0` or `3.x.y` when the value is the root of an OpenAPI (or Swagger) document. */
function openApiVersion(value: unknown): string | undefined {
  // `info` is required in every version; a package.json with an `openapi` member is not a description.
  if (!isObject(value) || !isObject(value.info)) return undefined;
  // An unquoted `openapi: 3.1` in YAML is a number.
  const openapi = typeof value.openapi === 'number' ? String(value.openapi) : value.openapi;
  if (typeof openapi === 'string' && /^3\.\d/.test(openapi)) return openapi;
  if (value.swagger === '2.0' || value.swagger === 2) return '2.0';
  return undefined;
}

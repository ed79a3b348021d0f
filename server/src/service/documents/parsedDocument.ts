import * as jsonc from 'jsonc-parser';
import ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { maxCodeLength, parseCodeLimited } from './codeDepth';
import { limitJsonDepth } from './documentDepth';
import { createParseMemo, type ParseMemo } from './parseMemo';
import { uriFileName } from './uriFileName';

/** A JSON or JSONC document parsed by jsonc-parser. */
export interface JsonParsedDocument {
  kind: 'json';
  /** The syntax tree; undefined when the text holds no value at all. */
  root: jsonc.Node | undefined;
  /** Syntax errors, reported by the payload rules. */
  errors: jsonc.ParseError[];
  /** Where the document first nests deeper than the service reads (the tree holds that part as empty). */
  tooDeepAt?: number;
  /** What the features derive from this parse. */
  memo: ParseMemo;
}

/** A TypeScript or JavaScript document parsed by the TypeScript compiler (syntax only). */
export interface CodeParsedDocument {
  kind: 'code';
  sourceFile: ts.SourceFile;
  /** TS, TSX, JS or JSX: a parse is reused for the next text of its document only as the same kind. */
  scriptKind: ts.ScriptKind;
  /** Where the document first nests deeper than the service reads (the tree holds that part as blank). */
  tooDeepAt?: number;
  /** The text's length when it is over `maxCodeLength`: the tree is then empty. */
  tooLong?: number;
  /** What the features derive from this parse. */
  memo: ParseMemo;
}

/** A document parsed once per version and shared by every feature. */
export type ParsedDocument = JsonParsedDocument | CodeParsedDocument;

const jsonLanguages = new Set(['json', 'jsonc']);
// By name, not by value: reading `ts.ScriptKind` here would load the compiler at start-up.
type ScriptKindName = keyof typeof ts.ScriptKind;
const scriptKinds: Record<string, ScriptKindName> = {
  typescript: 'TS',
  typescriptreact: 'TSX',
  javascript: 'JS',
  javascriptreact: 'JSX',
};
const scriptKindsByExtension: Record<string, ScriptKindName> = {
  ts: 'TS',
  mts: 'TS',
  cts: 'TS',
  tsx: 'TSX',
  js: 'JS',
  mjs: 'JS',
  cjs: 'JS',
  jsx: 'JSX',
  json: 'JSON',
  jsonc: 'JSON',
};

/** The kind of parse a document needs, from its language id or else its file extension. */
function getDocumentKind(document: TextDocument): 'json' | 'code' | undefined {
  if (jsonLanguages.has(document.languageId)) return 'json';
  if (document.languageId in scriptKinds) return 'code';
  const kind = scriptKindsByExtension[extensionOf(document.uri)];
  if (kind === 'JSON') return 'json';
  return kind === undefined ? undefined : 'code';
}

/**
 * Parses a document; undefined for languages the service does not handle. Given the parse of an
 * earlier text of the same document, code is parsed incrementally, as the TypeScript server does
 * on each edit: the compiler reuses the syntax of the parts the edit did not touch (a one-line
 * edit of a 10,000-line file parses in about a fifth of the time). `previous` is unusable after:
 * the compiler moves its nodes into the new tree.
 */
export function parseDocument(
  document: TextDocument,
  previous?: ParsedDocument,
): ParsedDocument | undefined {
  const kind = getDocumentKind(document);
  if (kind === 'json') {
    const errors: jsonc.ParseError[] = [];
    const { text, tooDeepAt } = limitJsonDepth(document.getText());
    const root = jsonc.parseTree(text, errors, {
      allowTrailingComma: true,
      disallowComments: false,
    });
    return {
      kind: 'json',
      root,
      errors,
      ...(tooDeepAt !== undefined && { tooDeepAt }),
      memo: createParseMemo(),
    };
  }
  if (kind === 'code') {
    const scriptKind =
      ts.ScriptKind[
        scriptKinds[document.languageId] ?? scriptKindsByExtension[extensionOf(document.uri)]!
      ];
    // JSDoc comments are left unparsed, as nothing here reads them: a file full of them (a
    // generated client, a declaration file) parses in two thirds of the time or less. The
    // parents are set by parseCodeLimited's walk of the tree, which it makes anyway.
    const parse = (limitedText: string) =>
      ts.createSourceFile(
        document.uri,
        limitedText,
        {
          languageVersion: ts.ScriptTarget.Latest,
          jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
        },
        /* setParentNodes */ false,
        scriptKind,
      );
    const text = document.getText();
    if (text.length > maxCodeLength) {
      return {
        kind: 'code',
        sourceFile: parseCodeLimited('', parse).sourceFile,
        scriptKind,
        tooLong: text.length,
        memo: createParseMemo(),
      };
    }
    // A parse that left out deep parts holds text other than the document's: not reused.
    let reusable =
      previous?.kind === 'code' &&
      previous.tooDeepAt === undefined &&
      previous.tooLong === undefined &&
      previous.scriptKind === scriptKind
        ? previous.sourceFile
        : undefined;
    const { sourceFile, tooDeepAt } = parseCodeLimited(text, (limitedText) => {
      if (!reusable || limitedText !== text) return parse(limitedText);
      const earlier = reusable;
      reusable = undefined;
      try {
        return ts.updateSourceFile(earlier, text, changeBetween(earlier.text, text));
      } catch (error) {
        // Too deep for the parser: what parseCodeLimited handles.
        if (error instanceof RangeError) throw error;
        // The compiler's own consistency checks failed: the text read afresh loses nothing.
        return parse(text);
      }
    });
    return {
      kind: 'code',
      sourceFile,
      scriptKind,
      ...(tooDeepAt !== undefined && { tooDeepAt }),
      memo: createParseMemo(),
    };
  }
  return undefined;
}

/** The one span of `before` that `after` replaces: all but their common prefix and suffix. */
function changeBetween(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (
    suffix < shorter - start &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  return {
    span: { start, length: before.length - suffix - start },
    newLength: after.length - suffix - start,
  };
}

function extensionOf(uri: string): string {
  const name = uriFileName(uri);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

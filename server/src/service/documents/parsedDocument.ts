import * as jsonc from 'jsonc-parser';
import ts from 'typescript';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCodeLimited } from './codeDepth';
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
  /** Where the document first nests deeper than the service reads (the tree holds that part as blank). */
  tooDeepAt?: number;
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

/** Parses a document; undefined for languages the service does not handle. */
export function parseDocument(document: TextDocument): ParsedDocument | undefined {
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
    const { sourceFile, tooDeepAt } = parseCodeLimited(document.getText(), (text) =>
      ts.createSourceFile(
        document.uri,
        text,
        ts.ScriptTarget.Latest,
        /* setParentNodes */ true,
        scriptKind,
      ),
    );
    return {
      kind: 'code',
      sourceFile,
      ...(tooDeepAt !== undefined && { tooDeepAt }),
      memo: createParseMemo(),
    };
  }
  return undefined;
}

function extensionOf(uri: string): string {
  const name = uriFileName(uri);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

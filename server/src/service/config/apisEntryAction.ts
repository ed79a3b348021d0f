import { modify } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type TextDocumentEdit,
  type CreateFile,
} from 'vscode-languageserver-types';
import { DiagnosticCode, getDiagnosticData } from '../diagnostics';
import { projectConfigFileName } from './projectConfig';

/** The project config a document is checked under: where it is, and its text as the editor has it. */
export interface ProjectConfigFile {
  uri: string;
  /** Undefined when the folder has no config yet (the action creates it). */
  text?: string;
  /** The open document's version, when the config is open. */
  version?: number;
}

/**
 * For each `untied-call` hint that names the call's base, a quick fix writing the `apis` entry that
 * ties the base to the spec ("process.env.ORDERS_URL": "orders") into the project config, created
 * when there is none. Not preferred: it changes what every call through that base is checked
 * against, which a reviewer should decide, so `--fix` and fix-on-save leave it alone.
 */
export function getApisEntryActions(
  actionContext: CodeActionContext,
  config: ProjectConfigFile | undefined,
): CodeAction[] {
  if (!config) return [];
  const wants =
    !actionContext.only ||
    actionContext.only.some(
      (kind) => CodeActionKind.QuickFix === kind || CodeActionKind.QuickFix.startsWith(`${kind}.`),
    );
  if (!wants) return [];
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of actionContext.diagnostics) {
    const data = getDiagnosticData(diagnostic, DiagnosticCode.untiedCall);
    if (!data?.base || seen.has(data.base)) continue;
    seen.add(data.base);
    const documentChanges = entryEdit(config, data.base, data.apiId);
    actions.push({
      title: `Tie \`${data.base}\` to "${data.apiId}" in ${projectConfigFileName}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: false,
      edit: { documentChanges },
    });
  }
  return actions;
}

function entryEdit(
  config: ProjectConfigFile,
  base: string,
  apiId: string,
): (TextDocumentEdit | CreateFile)[] {
  const textDocument = { uri: config.uri, version: config.version ?? null };
  if (config.text === undefined) {
    const text = `${JSON.stringify({ apis: { [base]: apiId } }, null, 2)}\n`;
    return [
      { kind: 'create', uri: config.uri, options: { ignoreIfExists: true } },
      {
        textDocument,
        edits: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            newText: text,
          },
        ],
      },
    ];
  }
  const document = TextDocument.create(config.uri, 'jsonc', 0, config.text);
  const indent = /^([ \t]+)"/m.exec(config.text)?.[1];
  const edits = modify(config.text, ['apis', base], apiId, {
    formattingOptions: {
      insertSpaces: !indent?.startsWith('\t'),
      tabSize: indent && !indent.startsWith('\t') ? indent.length : 2,
      eol: config.text.includes('\r\n') ? '\r\n' : '\n',
    },
  });
  return [
    {
      textDocument,
      edits: edits.map((edit) => ({
        range: {
          start: document.positionAt(edit.offset),
          end: document.positionAt(edit.offset + edit.length),
        },
        newText: edit.content,
      })),
    },
  ];
}

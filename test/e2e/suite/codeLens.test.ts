import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, openWorkspaceFile, waitFor } from './helpers';

/** The resolved code lenses of a document, as the editor shows them. */
async function resolvedLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return waitFor('resolved code lenses', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
      100,
    );
    return lenses && lenses.length > 0 && lenses.every((lens) => lens.command?.title)
      ? lenses
      : undefined;
  });
}

function tabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
}

suite('code lens and Show Contract', () => {
  test('the code lens above a DAM call names the operation, the API, its statuses and the unhandled ones', async () => {
    const editor = await openWorkspaceFile('code/deleteImageNotOk.ts');
    const lenses = await resolvedLenses(editor.document.uri);
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [[2, 'DELETE /image/{id} · Sales Layer DAM · 5 documented · 409, 500 not handled']],
    );
    const command = lenses[0]!.command!;
    assert.equal(command.command, 'apiErrorContracts.showContract');
    // Clicking it: the DAM is a built-in catalog, so the contract opens rendered, beside the code.
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await waitFor('the contract panel', () =>
      tabLabels().includes('Contract: DELETE /image/{id}') ? true : undefined,
    );
  });

  test("Show Contract for Call on a spec's call opens the operation in the spec", async () => {
    const editor = await openWorkspaceFile('openapi/deleteImage.ts');
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((each) => each.includes('fetch('));
    editor.selection = new vscode.Selection(line, 30, line, 30);
    await waitFor('the spec to open at the operation', async () => {
      await vscode.commands.executeCommand('apiErrorContracts.showContract');
      const active = vscode.window.activeTextEditor;
      if (!active?.document.uri.path.endsWith('/openapi/images.yaml')) return undefined;
      const at = active.selection.active.line;
      return active.document.lineAt(at).text.trim() === 'delete:' &&
        active.document.lineAt(at - 1).text.trim() === '/images/{id}:'
        ? true
        : undefined;
    });
  });
});

suite('walkthrough', () => {
  test('the walkthrough opens and its steps have their media and commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = extension.packageJSON.contributes.walkthroughs as {
      id: string;
      title: string;
      steps: { id: string; description: string; media: { image?: string; markdown?: string } }[];
    }[];
    assert.equal(walkthroughs.length, 1);
    const walkthrough = walkthroughs[0]!;
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['openExamples', 'hover', 'quickFix', 'config'],
    );
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      const media = step.media.image ?? step.media.markdown!;
      assert.ok(
        fs.existsSync(path.join(extension.extensionPath, media)),
        `${step.id}: ${media} is in the extension`,
      );
      const linked = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((each) => each[1]!);
      assert.ok(linked.length > 0, `${step.id} has a button`);
      for (const command of linked) assert.ok(commands.has(command), `${command} is registered`);
    }
    // The examples the first step opens are shipped with the extension.
    assert.ok(fs.existsSync(path.join(extension.extensionPath, 'examples', 'src', 'damImages.ts')));
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      `${EXTENSION_ID}#${walkthrough.id}`,
      false,
    );
    const label = await waitFor('the walkthrough tab', () =>
      vscode.window.tabGroups.activeTabGroup.activeTab?.label.match(
        /welcome|walkthrough|get started/i,
      )
        ? vscode.window.tabGroups.activeTabGroup.activeTab.label
        : undefined,
    );
    assert.ok(label);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

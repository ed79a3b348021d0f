import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as prettier from 'prettier';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../common/settings';
import type { LanguageService } from '../../server/src/service/languageService';
import { fixtureTypeErrors, prettierOptions, readFixFixtures } from '../helpers/fixFixtures';

// Each folder of test/fixtures/fixes holds input.ts (or .js), case.json naming the call, the
// status and the title of the fix to apply, and expected.ts: the whole document after the fix;
// a package.json beside them is the project's manifest, read as the workspace reader would.
// UPDATE_FIXTURES=1 rewrites the expected files; review the diff. Every input is Prettier-clean at
// its own width, and so must every result be; every result type-checks at ES2019 (with erasable
// syntax only) and ES2022.

interface FixCase {
  /** Text at the start of the call the diagnostic is on. */
  call: string;
  status: number;
  /** Further statuses of the same call without a handler. */
  also?: number[];
  /** The start of the title of the action to apply. */
  action: string;
  /** Whether that action is the preferred one (default: not checked). */
  preferred?: boolean;
  /** Titles that must not be offered, by their start. */
  notOffered?: string[];
}

const update = process.env.UPDATE_FIXTURES === '1';

function applyEdits(document: TextDocument, action: CodeAction): string {
  const edits = action.edit?.changes?.[document.uri];
  assert.ok(edits && edits.length > 0, `${action.title} has no edits`);
  return TextDocument.applyEdits(document, edits);
}

/** The unhandled-status and unchecked-response diagnostics the language service reports on the call starting with `call`. */
function reportedAt(document: TextDocument, call: string, service: LanguageService): Diagnostic[] {
  // A fix may break `ky.delete(` into a member chain, one call a line.
  const pattern = new RegExp(
    call.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\./g, '\\s*\\.'),
  );
  const start = pattern.exec(document.getText())?.index ?? -1;
  assert.ok(start >= 0, `no ${call} in the input`);
  return service
    .doValidation(document, defaultSettings)
    .filter(
      (diagnostic) =>
        (diagnostic.code === 'unhandled-status' || diagnostic.code === 'unchecked-response') &&
        document.offsetAt(diagnostic.range.start) === start,
    );
}

/** The statuses a diagnostic asks to handle: its own, or every status of a call that never looks. */
const statusesOf = (diagnostic: Diagnostic): number[] => {
  const data = diagnostic.data as { status?: number; statuses?: number[] };
  return data.statuses ?? [data.status!];
};

describe('quick fixes for unhandled-status (fixtures)', () => {
  for (const fixture of readFixFixtures()) {
    const { name, folder, javascript, document, service } = fixture;
    it(name, async () => {
      const extension = javascript ? 'js' : 'ts';
      const fixCase = JSON.parse(readFileSync(path.join(folder, 'case.json'), 'utf8')) as FixCase;
      const input = document.getText();
      // The diagnostics the language service reports, with the data their fixes read.
      const statuses = [fixCase.status, ...(fixCase.also ?? [])];
      const reported = reportedAt(document, fixCase.call, service);
      const diagnostics = [
        ...new Set(
          statuses.map((status) => {
            const found = reported.find((diagnostic) => statusesOf(diagnostic).includes(status));
            assert.ok(
              found,
              `${status} is reported on ${fixCase.call} (reported: ${reported.flatMap(statusesOf).join(', ') || 'none'})`,
            );
            return found;
          }),
        ),
      ];
      const actions = service.doCodeActions(
        document,
        diagnostics[0].range,
        { diagnostics },
        defaultSettings,
      );
      const titles = actions.map((candidate) => candidate.title).join(' | ');
      const action = actions.find((candidate) => candidate.title.startsWith(fixCase.action));
      assert.ok(action, `no "${fixCase.action}…" among: ${titles}`);
      if (fixCase.preferred !== undefined)
        assert.equal(!!action.isPreferred, fixCase.preferred, `${action.title} is preferred`);
      for (const absent of fixCase.notOffered ?? [])
        assert.ok(
          !actions.some((candidate) => candidate.title.startsWith(absent)),
          `"${absent}…" is not offered: ${titles}`,
        );
      const output = applyEdits(document, action);

      const expectedPath = path.join(folder, `expected.${extension}`);
      if (update || !existsSync(expectedPath)) writeFileSync(expectedPath, output);
      assert.equal(output, readFileSync(expectedPath, 'utf8'));

      assert.deepEqual(
        fixtureTypeErrors(fixture, output),
        [],
        'the fixed file type-checks, at ES2022 and at ES2019',
      );

      const options = prettierOptions(input, javascript);
      assert.equal(await prettier.format(input, options), input, 'the input is Prettier-clean');
      assert.equal(await prettier.format(output, options), output, 'the fix is Prettier-clean');
      const tooWide = output.split('\n').filter((line) => line.length > options.printWidth!);
      assert.deepEqual(tooWide, [], `no line over ${options.printWidth}`);

      // The fix makes the diagnostics it was asked for go away.
      const fixed = TextDocument.create(document.uri, document.languageId, 2, output);
      const remaining = reportedAt(fixed, fixCase.call, service);
      const expectedGone = action.title.startsWith('Handle all') ? statuses : [fixCase.status];
      assert.deepEqual(
        remaining
          .filter(
            (diagnostic) =>
              diagnostic.code === 'unchecked-response' ||
              statusesOf(diagnostic).some((status) => expectedGone.includes(status)),
          )
          .map((d) => d.message),
        [],
        `still reported after "${action.title}"`,
      );
    });
  }
});

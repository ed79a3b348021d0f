import { createHash } from 'node:crypto';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { OutputFormat } from './arguments';
import { ruleDescriptions } from './ruleDescriptions';

/** The diagnostics of one checked file. */
export interface FileReport {
  /** The path as the user should see it (relative to the working folder, `/`-separated). */
  path: string;
  /** The text of each line a diagnostic spans, by zero-based line: all fingerprints need of the file. */
  lines: Record<number, string>;
  diagnostics: Diagnostic[];
  /** With `--fix-dry-run`: the unified diff the fixes would make. */
  diff?: string;
}

/** A file that could not be checked, and why. */
export interface FileProblem {
  /** The path as the user gave it or the walk listed it, with `:line:column` for a problem at a place in the file (a spec's bad `$ref`). */
  path: string;
  message: string;
}

/** Everything a run reports. */
export interface CheckReport extends RunFacts {
  files: FileReport[];
  /** Files, specs, catalogs or the config that could not be used. */
  problems: FileProblem[];
  /** Findings left out by the suppressions file. */
  suppressed: number;
}

const severityNames: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};
const sarifLevels: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

/**
 * Renders the report: `text` groups the problems under each file and counts them per rule,
 * `compact` is one line per problem, `json`, SARIF 2.1.0, or GitLab code quality JSON. The
 * `text` and `compact` reports print each file's diff (`--fix-dry-run`) before the findings.
 */
export function formatReport(report: CheckReport, format: OutputFormat): string {
  const chunks: string[] = [];
  if (format === 'text' || format === 'compact')
    for (const file of report.files) if (file.diff) chunks.push(`${file.diff.trimEnd()}\n`);
  const writer = createReportWriter(format, (text) => chunks.push(text), report);
  for (const file of report.files) writer.file(file);
  writer.end(report.problems, report.suppressed);
  return chunks.join('');
}

/**
 * A report written a file at a time, as the files are checked, holding no file once written: a
 * tree of 10,000 files reports in the memory of one file's findings, in every format.
 */
export interface ReportWriter {
  /** Writes what the report says of one checked file (a `text` or `compact` report, not its diff). */
  file(file: FileReport): void;
  /** Writes the rest: the files that could not be used, the findings suppressed. */
  end(problems: readonly FileProblem[], suppressed: number): void;
}

/** What a report says of the run besides its files. */
export interface RunFacts {
  /** The working folder as a `file:` URI ending in `/`: what the reported paths are relative to. */
  rootUri: string;
  toolVersion: string;
}

/**
 * The report in `format`, written to `write` in pieces as {@link formatReport} returns it whole
 * (the same text for files without diffs; SARIF's run lists its results before the tool, whose
 * rules are known once every result is).
 */
export function createReportWriter(
  format: OutputFormat,
  write: (text: string) => void,
  run: RunFacts,
): ReportWriter {
  switch (format) {
    case 'json':
      return createJsonWriter(write);
    case 'sarif':
      return createSarifWriter(write, run);
    case 'gitlab':
      return createGitLabWriter(write);
    default: {
      const lines = createLineReportWriter(format, (line) => write(`${line}\n`));
      return {
        file: lines.file,
        // A file is counted once, however many problems it has (a spec with several bad `$ref`s).
        end: (problems, suppressed) =>
          lines.end(
            new Set(problems.map((problem) => problem.path.replace(/:\d+:\d+$/, ''))).size,
            suppressed,
          ),
      };
    }
  }
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `depth` levels down in an enclosing document,
 * every line after the first indented to that depth: pieces written one after another read as
 * the whole document stringified at once.
 */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * The elements of a JSON array written one at a time, `depth` levels down, as
 * `JSON.stringify` lays them out: `[]` when there are none.
 */
function createArrayWriter(write: (text: string) => void, depth: number) {
  const indent = '  '.repeat(depth);
  let count = 0;
  return {
    element(value: unknown) {
      write(`${count++ === 0 ? '[' : ','}\n${indent}  ${nested(value, depth + 1)}`);
    },
    close() {
      write(count === 0 ? '[]' : `\n${indent}]`);
    },
  };
}

function createJsonWriter(write: (text: string) => void): ReportWriter {
  write('{\n  "files": ');
  const files = createArrayWriter(write, 1);
  return {
    file(file) {
      if (file.diagnostics.length === 0 && !file.diff) return;
      files.element({
        path: file.path,
        diagnostics: file.diagnostics,
        ...(file.diff ? { diff: file.diff } : {}),
      });
    },
    end(problems, suppressed) {
      files.close();
      write(`,\n  "problems": ${nested(problems, 1)},\n  "suppressed": ${suppressed}\n}\n`);
    },
  };
}

/** The `text` and `compact` report written a file at a time, as the files are checked. */
interface LineReportWriter {
  /** Writes the lines of one checked file (its diff is not written). */
  file(file: FileReport): void;
  /** Writes the summary: the files that could not be used, the findings suppressed. */
  end(problems: number, suppressed: number): void;
}

/**
 * The `text` or `compact` report, line by line (each without its line break) to `writeLine`:
 * what {@link formatReport} returns for files without diffs, holding no file after it is written.
 */
function createLineReportWriter(
  format: 'text' | 'compact',
  writeLine: (line: string) => void,
): LineReportWriter {
  const where = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const severityOf = (d: Diagnostic) => severityNames[d.severity ?? DiagnosticSeverity.Error];
  let checked = 0;
  let found = 0;
  const byCode = new Map<string, Map<string, number>>();
  return {
    file(file) {
      checked++;
      found += file.diagnostics.length;
      for (const d of file.diagnostics) {
        const severities = byCode.get(String(d.code)) ?? new Map<string, number>();
        const name = severityOf(d);
        severities.set(name, (severities.get(name) ?? 0) + 1);
        byCode.set(String(d.code), severities);
      }
      if (format === 'compact') {
        // One line per problem, as compilers print them, for problem matchers.
        for (const d of file.diagnostics)
          writeLine(`${file.path}:${where(d)}: ${severityOf(d)} ${d.message} [${String(d.code)}]`);
        return;
      }
      if (file.diagnostics.length === 0) return;
      const width = Math.max(...file.diagnostics.map((d) => where(d).length));
      writeLine(file.path);
      for (const d of file.diagnostics)
        writeLine(
          `  ${where(d).padEnd(width)}  ${severityOf(d).padEnd(7)}  ${d.message}  ${String(d.code)}`,
        );
      writeLine('');
    },
    end(problems, suppressed) {
      let summary = `${plural(found, 'problem')} in ${plural(checked, 'file')} checked`;
      if (suppressed > 0) summary += `, ${suppressed} suppressed`;
      if (problems > 0) summary += `; ${plural(problems, 'file')} could not be used`;
      writeLine(summary);
      if (format === 'text') for (const line of countsPerRule(byCode)) writeLine(line);
    },
  };
}

/** `  unhandled-status  3 (2 warnings, 1 info)`, most frequent first. */
function countsPerRule(byCode: ReadonlyMap<string, ReadonlyMap<string, number>>): string[] {
  const rows = [...byCode].map(([code, severities]) => ({
    code,
    total: [...severities.values()].reduce((a, b) => a + b, 0),
    detail: (['error', 'warning', 'info', 'hint'] as const)
      .filter((name) => severities.has(name))
      .map((name) =>
        name === 'info' ? `${severities.get(name)} info` : plural(severities.get(name)!, name),
      )
      .join(', '),
  }));
  rows.sort((a, b) => b.total - a.total || (a.code < b.code ? -1 : 1));
  const width = Math.max(0, ...rows.map((row) => row.code.length));
  return rows.map((row) => `  ${row.code.padEnd(width)}  ${row.total} (${row.detail})`);
}

const gitLabSeverities: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'major',
  [DiagnosticSeverity.Warning]: 'minor',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'info',
};

/** GitLab's code quality report: one issue per finding, with the SARIF fingerprint's identity. */
function createGitLabWriter(write: (text: string) => void): ReportWriter {
  const issues = createArrayWriter(write, 0);
  return {
    file(file) {
      const fingerprints = fingerprintsOf(file);
      file.diagnostics.forEach((d, i) =>
        issues.element({
          description: d.message,
          check_name: String(d.code),
          fingerprint: createHash('sha256').update(fingerprints[i]!).digest('hex').slice(0, 32),
          severity: gitLabSeverities[d.severity ?? DiagnosticSeverity.Error],
          location: { path: file.path, lines: { begin: d.range.start.line + 1 } },
        }),
      );
    },
    end() {
      issues.close();
      write('\n');
    },
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The key of the run's `originalUriBaseIds` that every reported path is relative to. */
const srcRoot = '%SRCROOT%';

function createSarifWriter(write: (text: string) => void, run: RunFacts): ReportWriter {
  const rules: { id: string; hrefs: Set<string> }[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (code: string, href: string | undefined): number => {
    let index = ruleIndex.get(code);
    if (index === undefined) {
      index = rules.push({ id: code, hrefs: new Set() }) - 1;
      ruleIndex.set(code, index);
    }
    if (href) rules[index]!.hrefs.add(href);
    return index;
  };
  write(
    `{\n  "version": "2.1.0",\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "runs": [\n    {\n      "results": `,
  );
  const results = createArrayWriter(write, 3);
  return {
    file(file) {
      const fingerprints = fingerprintsOf(file);
      file.diagnostics.forEach((d, i) => {
        const code = String(d.code);
        const href = d.codeDescription?.href;
        results.element({
          ruleId: code,
          ruleIndex: indexOf(code, href),
          level: sarifLevels[d.severity ?? DiagnosticSeverity.Error],
          message: {
            text: d.message,
            ...(href ? { markdown: `${d.message} ([documentation](${href}))` } : {}),
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodePath(file.path), uriBaseId: srcRoot },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
          partialFingerprints: { 'apiErrorContracts/v1': fingerprints[i]! },
        });
      });
    },
    end(problems) {
      results.close();
      const rest = {
        tool: {
          driver: {
            name: 'api-error-contracts',
            version: run.toolVersion,
            semanticVersion: run.toolVersion,
            informationUri: 'https://example.invalid/api-error-contracts',
            rules: rules.map(({ id, hrefs }) => ({
              id,
              name: id.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) =>
                letter.toUpperCase(),
              ),
              shortDescription: {
                text: ruleDescriptions[id] ?? `The ${id} rule.`,
              },
              // A rule's findings usually point at their API's own pages; the rule has a help
              // page only when they all point at one.
              ...(hrefs.size === 1 ? { helpUri: [...hrefs][0] } : {}),
            })),
          },
        },
        originalUriBaseIds: { [srcRoot]: { uri: run.rootUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map((problem) => ({
              level: 'error',
              message: { text: `${problem.path}: ${problem.message}` },
            })),
          },
        ],
      };
      for (const [key, value] of Object.entries(rest))
        write(`,\n      ${JSON.stringify(key)}: ${nested(value, 3)}`);
      write('\n    }\n  ]\n}\n');
    },
  };
}

function encodePath(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

/**
 * Fingerprints that survive unrelated edits: the code, the file, the flagged line's text without
 * its whitespace and what the finding is about (the operation and status, or the flagged text),
 * never a line number; the n-th identical finding in a file gets `:n`.
 */
function fingerprintsOf(file: FileReport): string[] {
  const seen = new Map<string, number>();
  return file.diagnostics.map((d) => {
    const line = (file.lines[d.range.start.line] ?? '').replace(/\s+/g, '');
    const hash = createHash('sha256')
      .update([String(d.code), file.path, line, subjectOf(file.lines, d)].join('\0'))
      .digest('hex')
      .slice(0, 32);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

function subjectOf(lines: FileReport['lines'], d: Diagnostic): string {
  const data: unknown = d.data;
  if (typeof data === 'object' && data !== null) {
    const { method, path, status } = data as Record<string, unknown>;
    if (typeof method === 'string' && typeof path === 'string')
      return `${method} ${path}${typeof status === 'number' ? ` ${status}` : ''}`;
  }
  const { start, end } = d.range;
  const spanned: string[] = [];
  for (let line = start.line; line <= end.line; line++) {
    const text = lines[line] ?? '';
    spanned.push(
      text.slice(
        line === start.line ? start.character : 0,
        line === end.line ? end.character : text.length,
      ),
    );
  }
  return spanned.join('').replace(/\s+/g, '');
}

/**
 * The lines of `document` that `diagnostics` span, for {@link FileReport.lines}: a report keeps
 * these, not the whole file, so a run over a large tree holds no file's text.
 */
export function linesOf(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
): Record<number, string> {
  const lines: Record<number, string> = {};
  for (const d of diagnostics)
    for (let line = d.range.start.line; line <= d.range.end.line; line++)
      lines[line] ??= document
        .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
        .replace(/\r?\n$/, '');
  return lines;
}

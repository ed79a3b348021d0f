import type { CoverageSummary, StatusCoverage } from '../service/code/contractCoverage';
import type { CoverageFormat } from './arguments';
import type { FileProblem } from './formatReport';

/** Files named in a report before the rest are counted: a pull-request comment stays readable. */
const maxListed = 10;

/**
 * Renders a coverage report: `text`, one line per operation and status ("Sales Layer DAM:
 * DELETE /image/{id} — 409 Conflict handled at 1 of 3 calls, missed at 2 (src/a.ts:6, …)");
 * `markdown`, a table for a pull-request comment with the misses listed under it; `json`, the
 * summary as computed.
 */
export function formatCoverage(
  summary: CoverageSummary,
  problems: readonly FileProblem[],
  format: CoverageFormat,
): string {
  if (format === 'json') return `${JSON.stringify({ ...summary, problems }, null, 2)}\n`;
  return format === 'markdown' ? toMarkdown(summary) : toText(summary);
}

function totalsLine({ totals, operations }: CoverageSummary): string {
  if (totals.calls === 0)
    return 'No call to an operation with documented error statuses was found.';
  const parts = [`${totals.handled} handled`];
  if (totals.retried) parts.push(`${totals.retried} retried`);
  if (totals.passedOn) parts.push(`${totals.passedOn} passed on to the caller`);
  parts.push(`${totals.missed} missed`);
  return `${count(totals.calls, 'call')} to ${count(operations.length, 'operation')}; ${count(totals.checks, 'documented status')} at ${totals.calls === 1 ? 'it' : 'them'}: ${parts.join(', ')}.`;
}

function statusLine(entry: StatusCoverage): string {
  const parts = [`handled at ${entry.handled} of ${count(entry.calls, 'call')}`];
  if (entry.retried) parts.push(`retried at ${entry.retried}`);
  if (entry.passedOn) parts.push(`passed on to the caller at ${entry.passedOn}`);
  if (entry.missed) parts.push(`missed at ${entry.missed} (${listed(entry.missedAt)})`);
  return `${entry.status} ${entry.title} ${parts.join(', ')}`;
}

function toText(summary: CoverageSummary): string {
  const lines: string[] = [];
  for (const operation of summary.operations)
    for (const entry of operation.statuses)
      lines.push(
        `${operation.apiName}: ${operation.method} ${operation.path} — ${statusLine(entry)}`,
      );
  if (lines.length > 0) lines.push('');
  lines.push(totalsLine(summary));
  return `${lines.join('\n')}\n`;
}

function toMarkdown(summary: CoverageSummary): string {
  const lines = ['### API error contract coverage', '', totalsLine(summary)];
  if (summary.operations.length > 0) {
    lines.push(
      '',
      '| API | Operation | Status | Calls | Handled | Retried | Passed on | Missed |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const operation of summary.operations)
      for (const entry of operation.statuses)
        lines.push(
          `| ${cell(operation.apiName)} | \`${cell(`${operation.method} ${operation.path}`)}\` | ${entry.status} ${cell(entry.title)} | ${entry.calls} | ${entry.handled} | ${entry.retried} | ${entry.passedOn} | ${entry.missed ? `**${entry.missed}**` : 0} |`,
        );
  }
  const missed = summary.operations.flatMap((operation) =>
    operation.statuses.flatMap((entry) =>
      entry.missedAt.map(
        (at) =>
          `- \`${cell(at)}\` — ${cell(operation.apiName)} \`${cell(`${operation.method} ${operation.path}`)}\`: ${entry.status} ${cell(entry.title)}`,
      ),
    ),
  );
  if (missed.length > 0)
    lines.push(
      '',
      `<details><summary>Where a documented status is missed (${missed.length})</summary>`,
      '',
      ...missed.slice(0, 100),
      ...(missed.length > 100 ? [`- and ${missed.length - 100} more`] : []),
      '',
      '</details>',
    );
  return `${lines.join('\n')}\n`;
}

/** A table cell's text: a `|` would end the cell, a line break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function listed(places: readonly string[]): string {
  return places.length > maxListed
    ? `${places.slice(0, maxListed).join(', ')} and ${places.length - maxListed} more`
    : places.join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;
}

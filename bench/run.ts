// Runs every workload in bench/workloads, then writes bench/results/report.json and prints a table
// of medians, with each workload's ratio to its baseline measured in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Workload } from './workload';
import { workloads as cli } from './workloads/cli';
import { workloads as code } from './workloads/code';
import { workloads as contracts } from './workloads/contracts';
import { workloads as openapi } from './workloads/openapi';
import { workloads as payloads } from './workloads/payloads';
import { workloads as project } from './workloads/project';
import { workloads as server } from './workloads/server';

const allWorkloads: Workload[] = [
  ...cli,
  ...code,
  ...contracts,
  ...openapi,
  ...payloads,
  ...project,
  ...server,
];

interface Result {
  name: string;
  iterations: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  baseline?: string;
  ratio?: number;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const workloads = allWorkloads.filter((w) => !filter || w.name.includes(filter));
  const results: Result[] = [];
  for (const workload of workloads) {
    process.stderr.write(`running ${workload.name}…\n`);
    const state = await workload.setup?.();
    const times: number[] = [];
    try {
      for (let i = 0; i < 2; i++) await workload.run(state);
      for (let i = 0; i < (workload.iterations ?? 15); i++) {
        const start = performance.now();
        await workload.run(state);
        times.push(performance.now() - start);
      }
    } finally {
      await workload.teardown?.(state);
    }
    times.sort((a, b) => a - b);
    results.push({
      name: workload.name,
      iterations: times.length,
      medianMs: median(times),
      minMs: times[0]!,
      maxMs: times[times.length - 1]!,
      baseline: workload.baseline,
    });
  }
  for (const result of results) {
    const baseline = results.find((r) => r.name === result.baseline);
    if (baseline) result.ratio = result.medianMs / baseline.medianMs;
  }
  const machine = `${os.cpus()[0]?.model ?? 'unknown cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()}`;
  const report = { date: new Date().toISOString(), machine, results };
  const outDir = path.resolve('bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const rows = results.map((r) => [
    r.name,
    format(r.medianMs),
    `${format(r.minMs)}–${format(r.maxMs)}`,
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}× ${r.baseline}`,
  ]);
  const header = ['workload', 'median', 'range', 'ratio to baseline'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`Machine: ${machine}`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(`\nReport: ${path.relative(process.cwd(), path.join(outDir, 'report.json'))}`);
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

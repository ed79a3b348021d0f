import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../common/settings';
import {
  createProjectModules,
  type ProjectFiles,
} from '../../server/src/service/code/projectModules';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import { getLanguageService } from '../../server/src/service/languageService';
import type { Workload } from '../workload';

const apiModules = 200;
const featureModules = 1800;
const DAM = 'https://api2.saleslayer.com/dam';

/**
 * A project of 2,000 modules by path (`api/api0.ts`, `features/feature0.ts`): 200 API modules,
 * each exporting a base URL, a wrapper that adds it and throws on failure, and an API object;
 * 1,800 feature modules importing them (by relative path) and calling through them, with some
 * ordinary code between. The CLI workloads write the same project to disk.
 */
export function generateProjectModules(
  apis = apiModules,
  features = featureModules,
): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < apis; i++) {
    files.set(
      `api/api${i}.ts`,
      [
        `export const BASE_${i} = '${DAM}';`,
        `export async function del${i}(path: string): Promise<unknown> {`,
        `  const res = await fetch(BASE_${i} + path, { method: 'DELETE' });`,
        `  if (!res.ok) throw new Error(\`DAM answered \${res.status}\`);`,
        '  return res.json();',
        '}',
        `export const images${i} = {`,
        `  remove: (id: string) => fetch(\`\${BASE_${i}}/image/\${id}\`, { method: 'DELETE' }),`,
        '};',
      ].join('\n'),
    );
  }
  for (let i = 0; i < features; i++) {
    const api = i % apis;
    const lines = [
      `import { BASE_${api}, del${api}, images${api} } from '../api/api${api}';`,
      `export async function feature${i}(id: string) {`,
      `  await del${api}(\`/image/\${id}\`);`,
      `  const res = await images${api}.remove(id);`,
      '  if (!res.ok) throw new Error(String(res.status));',
      `  const direct = await fetch(\`\${BASE_${api}}/image/\${id}\`, { method: 'DELETE' });`,
      '  if (direct.status === 409) return;',
      '}',
    ];
    for (let p = 0; p < 30; p++)
      lines.push(`const value${p} = compute(${p}, 'text', { key: ${i} });`);
    files.set(`features/feature${i}.ts`, lines.join('\n'));
  }
  return files;
}

function generateProject(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [relative, text] of generateProjectModules())
    files.set(`file:///bench/project/${relative}`, text);
  return files;
}

function projectFilesOf(files: Map<string, string>): ProjectFiles {
  return {
    resolveModule(fromUri, specifier) {
      const uri = new URL(`${specifier}.ts`, fromUri).href;
      return files.has(uri) ? uri : undefined;
    },
    readFile: (uri) => files.get(uri),
  };
}

const contracts = createContractIndex(getBuiltinContracts());
const settings = normalizeSettings({});

export const workloads: Workload[] = [
  {
    name: 'project: TypeScript parse of 2,000 modules (baseline)',
    iterations: 7,
    setup: generateProject,
    run: (files: Map<string, string>) => {
      for (const [uri, text] of files)
        ts.createSourceFile(uri, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    },
  },
  {
    // The project index: every module summarised (its exported constants, URL builders, client
    // instances and HTTP-calling functions) for its entry, the names its importers look up; the
    // syntax of the modules whose names are read is kept apart, and measured by the check below.
    name: 'project: index 2,000 modules (parse and summary of each)',
    baseline: 'project: TypeScript parse of 2,000 modules (baseline)',
    iterations: 7,
    setup: generateProject,
    run: (files: Map<string, string>) => {
      const modules = createProjectModules(projectFilesOf(files));
      let indexed = 0;
      for (const uri of files.keys()) {
        const name = uri.slice(uri.lastIndexOf('/') + 1, -'.ts'.length);
        // `api7` exports `BASE_7`, `feature7` its function `feature7`.
        const exported = name.startsWith('api') ? `BASE_${name.slice('api'.length)}` : name;
        if (modules.getIndex(uri, `./${name}`)?.names.has(exported)) indexed++;
      }
      if (indexed !== files.size) throw new Error(`${indexed} modules indexed`);
    },
  },
  {
    name: 'project: check 2,000 modules across their imports (parse, summaries, analysis, rules)',
    baseline: 'project: TypeScript parse of 2,000 modules (baseline)',
    iterations: 7,
    setup: generateProject,
    run: (files: Map<string, string>) => {
      // A fresh service: every module is summarised again, as on a first load.
      const service = getLanguageService({ contracts, projectFiles: projectFilesOf(files) });
      let findings = 0;
      for (const [uri, text] of files)
        findings += service.doValidation(
          TextDocument.create(uri, 'typescript', 1, text),
          settings,
        ).length;
      if (findings !== featureModules * 8) throw new Error(`${findings} findings`);
    },
  },
];

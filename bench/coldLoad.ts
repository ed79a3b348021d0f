// One cold load of an OpenAPI description in a fresh process, as the server and the CLI do it:
// through the workspace reader, into a contract index. Bundled like dist/server.js by
// scripts/bench.mjs; the benchmark runs it as `node out/bench/coldLoad.js <workspace> <root>`.
import { pathToFileURL } from 'node:url';
import { createContractIndex } from '../server/src/service/contracts/createContractIndex';
import { loadOpenApiDocument } from '../server/src/service/openapi/loadOpenApiDocument';
import { toOpenApiContract } from '../server/src/service/openapi/openApiContract';
import { createWorkspaceFileSystem } from '../server/src/workspace/workspaceFileSystem';

async function main(): Promise<void> {
  const [workspace, root] = process.argv.slice(2) as [string, string];
  const loaded = await loadOpenApiDocument(
    pathToFileURL(root).href,
    createWorkspaceFileSystem([workspace]),
  );
  const contract = toOpenApiContract(loaded);
  if (!contract) throw new Error(`${root} is not an OpenAPI description`);
  process.stdout.write(`${createContractIndex([contract]).apis[0]!.operations.length}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

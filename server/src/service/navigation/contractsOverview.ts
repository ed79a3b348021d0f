import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  ApiOverview,
  ContractsOverview,
  OperationOverview,
} from '../../../../common/protocol';
import { getCodeAnalysis } from '../code/codeAnalysis';
import { getSuppressions } from '../code/suppression';
import type { ContractIndex } from '../contracts/contractIndex';
import type { ApiContract, OperationContract } from '../contracts/model';
import type { CodeParsedDocument } from '../documents/parsedDocument';
import { parseReference } from '../openapi/references';
import type { ServiceContext } from '../serviceContext';
import { documentedErrorStatuses, getCallFindings } from './callFindings';
import type { SpecLocator } from './definition';

/** One source file whose calls the overview counts, with the context its own settings give. */
export interface OverviewFile {
  document: TextDocument;
  parsed: CodeParsedDocument;
  context: ServiceContext;
}

const fileStart = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Every API the workspace brings (its specs and catalog files) and every other API its calls go
 * to, with each documented operation and, per documented error status, how many of the files'
 * calls handle it as the contract asks and how many do not (the facts the call's diagnostics
 * state). A call whose response goes back to its caller counts for the operation, not for a status.
 */
export function getContractsOverview(
  contracts: ContractIndex,
  files: Iterable<OverviewFile>,
  locator: SpecLocator,
): ContractsOverview {
  const overviews = new Map<ApiContract, ApiOverview>();
  const operations = new Map<OperationContract, OperationOverview>();
  const apiOverview = (api: ApiContract): ApiOverview => {
    let overview = overviews.get(api);
    if (!overview) {
      overview = {
        id: api.id,
        name: api.name,
        kind: api.source.kind,
        ...(api.source.uri !== undefined && { uri: api.source.uri }),
        operations: api.operations.map((operation) => {
          const entry = operationOverview(api, operation, contracts, locator);
          operations.set(operation, entry);
          return entry;
        }),
      };
      overviews.set(api, overview);
    }
    return overview;
  };
  for (const api of contracts.apis) if (api.source.kind !== 'builtin') apiOverview(api);

  let calls = 0;
  let fileCount = 0;
  // One file at a time: `files` may parse each as it is reached, and a workspace's parses and
  // analyses kept all at once took hundreds of MB.
  for (const file of files) {
    fileCount++;
    const suppressions = getSuppressions(file.parsed.sourceFile);
    for (const call of getCodeAnalysis(file.parsed, file.context).calls) {
      if (!call.match) continue;
      calls++;
      apiOverview(call.match.api);
      const operation = call.match.operation && operations.get(call.match.operation);
      if (!operation) continue;
      operation.calls++;
      const line = file.document.positionAt(call.range.start).line;
      const findings = getCallFindings(call, file.context.contracts, suppressions, line);
      if (findings.handedOn) continue;
      for (const status of operation.statuses) {
        const code = Number(status.key);
        if (findings.unchecked || findings.unhandled.includes(code)) status.notHandled++;
        else status.handled++;
      }
    }
  }
  return { apis: [...overviews.values()], files: fileCount, calls };
}

function operationOverview(
  api: ApiContract,
  operation: OperationContract,
  contracts: ContractIndex,
  locator: SpecLocator,
): OperationOverview {
  const overview: OperationOverview = {
    method: operation.method,
    path: operation.path,
    calls: 0,
    statuses: documentedErrorStatuses(contracts.documentedStatuses(api, operation)).map(
      ({ code, entry }) => ({
        key: String(code),
        title: entry.title,
        action: entry.action,
        handled: 0,
        notHandled: 0,
      }),
    ),
  };
  if (operation.summary) overview.summary = operation.summary;
  const location = operation.location;
  if (location) {
    const reference = parseReference(`#${location.pointer}`, location.uri);
    const target = 'uri' in reference ? locator.locate(location.uri, reference.pointer) : undefined;
    overview.location = { uri: location.uri, range: target?.selectionRange ?? fileStart };
  }
  return overview;
}

import { withFallbackApis } from '../service/config/withFallbackApis';
import { getBuiltinContracts } from '../service/contracts/builtinContracts';
import type { ContractIndex } from '../service/contracts/contractIndex';
import { createContractIndex } from '../service/contracts/createContractIndex';
import type { WorkspaceContracts } from './workspaceContracts';

/**
 * The index the server and the CLI put in force: the workspace's specs and catalogs before the
 * built-ins (earlier contracts win ties), with the config's enabled built-ins standing in for
 * calls no API claims.
 */
export function getWorkspaceContractIndex(workspace: WorkspaceContracts): ContractIndex {
  return withFallbackApis(
    createContractIndex([...workspace.getContracts(), ...getBuiltinContracts()]),
    workspace.getFallbackApiIds(),
  );
}

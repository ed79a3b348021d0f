import type { ApiContract } from '../service/contracts/model';
import type { FolderState } from './workspaceFolder';

/** The workspace's contracts under ids no two of them share. */
export interface ContractIds {
  /** Every workspace contract: specs, then catalog files. */
  contracts: ApiContract[];
  /** By folder path: each spec's folder-relative root path → its contract's id. */
  specIds: Map<string, Map<string, string>>;
}

/**
 * Gives every contract an id no other workspace contract has: two specs titled alike stay apart
 * (`fleet`, `fleet-2`), and the config can name either by its path. Computed when the contracts
 * change, not per document.
 */
export function getContractIds(states: Iterable<FolderState>): ContractIds {
  const folders = [...states];
  const contracts: ApiContract[] = [];
  const specIds = new Map<string, Map<string, string>>();
  const ids = new Set<string>();
  const add = (contract: ApiContract | undefined): string | undefined => {
    if (!contract) return undefined;
    let id = contract.id;
    for (let n = 2; ids.has(id); n++) id = `${contract.id}-${n}`;
    ids.add(id);
    contracts.push(id === contract.id ? contract : { ...contract, id });
    return id;
  };
  for (const state of folders) {
    const byPath = new Map<string, string>();
    for (const entry of state.specs.values()) {
      const id = add(entry.contract);
      if (id !== undefined) byPath.set(entry.relative, id);
    }
    specIds.set(state.path, byPath);
  }
  for (const state of folders) for (const entry of state.catalogs.values()) add(entry.contract);
  return { contracts, specIds };
}

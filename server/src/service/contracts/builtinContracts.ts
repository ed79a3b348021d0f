import saleslayerDam from '../../../../catalogs/saleslayer-dam.json';
import type { CatalogFile } from './catalogFile';
import { toApiContract } from './catalogContract';
import type { ApiContract } from './model';

// The JSON imports are bundled into dist/server.js and dist/cli.js; nothing is read at run time.
const catalogs = [saleslayerDam] as unknown as CatalogFile[];

let builtins: ApiContract[] | undefined;

/** The contracts of the built-in catalogs (`catalogs/*.json`), converted once. */
export function getBuiltinContracts(): ApiContract[] {
  builtins ??= catalogs.map((catalog) => toApiContract(catalog, { kind: 'builtin' }));
  return builtins;
}

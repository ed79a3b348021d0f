import adobeReactor from '../../../../catalogs/adobe-reactor.json';
import claid from '../../../../catalogs/claid.json';
import imagizer from '../../../../catalogs/imagizer.json';
import saleslayerCatalog from '../../../../catalogs/saleslayer-catalog.json';
import saleslayerDam from '../../../../catalogs/saleslayer-dam.json';
import type { CatalogFile } from './catalogFile';
import { toApiContract } from './catalogContract';
import type { ApiContract } from './model';

// The JSON imports are bundled into dist/server.js and dist/cli.js; nothing is read at run time.
// A test validates each of them against the shipped schema, so they are converted unchecked here.
const catalogs = [
  saleslayerDam,
  saleslayerCatalog,
  imagizer,
  adobeReactor,
  claid,
] as unknown as CatalogFile[];

let builtins: ApiContract[] | undefined;

/** The contracts of the built-in catalogs (`catalogs/*.json`), converted once. */
export function getBuiltinContracts(): ApiContract[] {
  builtins ??= catalogs.map((catalog) => toApiContract(catalog, { kind: 'builtin' }));
  return builtins;
}

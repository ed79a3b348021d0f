import type { Settings } from '../../../common/settings';
import type { ProjectModules } from './code/functionSummaries';
import type { ProjectFiles } from './code/projectModules';
import type { ContractIndex } from './contracts/contractIndex';

/** What every feature receives besides the document and its parse. */
export interface ServiceContext {
  /** Every contract in force. */
  contracts: ContractIndex;
  /** The effective settings for the document. */
  settings: Settings;
  /**
   * URIs of the user catalogs the project config or settings name, so they are checked as
   * catalogs whatever their file name. Catalogs named `*.error-catalog.json`, kept in an
   * `error-catalogs/` folder or declaring the catalog `$schema` are recognised without it.
   */
  catalogUris?: ReadonlySet<string>;
  /** The project's other modules, for URLs, clients and wrappers defined there; none for a lone document. */
  project?: ProjectModules;
  /**
   * The project's files as the workspace reader gives them, for what a feature reads beside the
   * document (the nearest `package.json`, whose dependencies choose a fix's idiom); none for a lone
   * document.
   */
  projectFiles?: ProjectFiles;
}

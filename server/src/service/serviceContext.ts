import type { Settings } from '../../../common/settings';
import type { ContractIndex } from './contracts/contractIndex';

/** What every feature receives besides the document and its parse. */
export interface ServiceContext {
  /** Every contract in force. */
  contracts: ContractIndex;
  /** The effective settings for the document. */
  settings: Settings;
}

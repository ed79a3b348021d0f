import { describeClientAction } from '../contracts/clientActions';
import type { StatusContract } from '../contracts/model';

/** What a contract says about one status, as markdown lines: meaning, causes, what to do, client action. */
export function describeStatusContract(contract: StatusContract): string[] {
  const lines: string[] = [];
  if (contract.meaning) lines.push(contract.meaning, '');
  if (contract.causes?.length)
    lines.push('Causes:', ...contract.causes.map((cause) => `- ${cause}`), '');
  if (contract.remedy) lines.push(`*What to do:* ${contract.remedy}`, '');
  lines.push(`*Client action:* ${describeClientAction(contract.action, contract.retryAfter)}.`, '');
  return lines;
}

import { getActionPhrase } from '../../contracts/clientActions';
import type { StatusContract } from '../../contracts/model';

/**
 * What an API says about a status in one clause, for messages: the first sentence of its
 * meaning in lower case, with the action added unless the sentence already says it
 * (`the image is being processed — retry later`), or left out (`withAction` false) where the
 * action does not apply to the call.
 */
export function summariseStatus(status: StatusContract, withAction = true): string {
  const meaning = status.meaning.trim();
  const end = meaning.search(/[.;](\s|$)/);
  let sentence = (end < 0 ? meaning : meaning.slice(0, end)).trim();
  if (sentence && !/^[A-Z]{2}/.test(sentence))
    sentence = sentence[0]!.toLowerCase() + sentence.slice(1);
  const phrase = getActionPhrase(status.action);
  if (!withAction) return sentence || status.title;
  if (!sentence) return phrase;
  return sentence.toLowerCase().includes(phrase) ? sentence : `${sentence} — ${phrase}`;
}

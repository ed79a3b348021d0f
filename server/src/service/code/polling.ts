import ts from 'typescript';
import { findDeclaration, getReferencesBetween, type FileIndex } from './fileIndex';
import { functionName } from './functionSummaries';
import type { CallHandling } from './statusHandling';
import { getEntityName, getEnclosingFunction, isInlineFunction, isWithin } from './syntax';

const timerHosts = new Set(['window', 'globalThis', 'self', 'global']);

/**
 * The timer that sends the call's request again whatever it answered: the call is made in a
 * `setInterval` callback whose failure is caught there (an uncaught rejection would end the
 * process or go unseen), or in a function that reschedules itself with `setTimeout` from a
 * `finally`, from the `catch` its failure reaches, or before the request. Then a status it
 * treats as a failure is retried on the next tick, as a poll does.
 */
export function findPollTimer(
  index: FileIndex,
  call: ts.CallExpression,
  handling: CallHandling,
): ts.CallExpression | undefined {
  const fn = getEnclosingFunction(call);
  if (!fn) return undefined;
  const caught = handling.constructs.some(
    (each) => each.kind === 'catch' || each.kind === 'promise-catch',
  );
  if (caught) {
    const interval = intervalOf(index, fn);
    if (interval) return interval;
  }
  const name = functionName(fn);
  if (name === undefined) return undefined;
  for (const reference of getReferencesBetween(index, name, fn.pos, fn.end)) {
    const timer = timerCallOf(reference, 'setTimeout');
    if (!timer || getEnclosingFunction(timer) !== fn) continue;
    if (findDeclaration(index, name, reference)?.node !== declarationOf(fn)) continue;
    if (runsAfterFailure(timer, call)) return timer;
  }
  return undefined;
}

/** `setInterval(fn, …)`, with `fn` written there or passed by name. */
function intervalOf(index: FileIndex, fn: ts.SignatureDeclaration): ts.CallExpression | undefined {
  if (isInlineFunction(fn) && ts.isCallExpression(fn.parent) && fn.parent.arguments[0] === fn)
    return isTimerCall(fn.parent, 'setInterval') ? fn.parent : undefined;
  const name = functionName(fn);
  if (name === undefined) return undefined;
  const end = index.sourceFile.end;
  for (const reference of getReferencesBetween(index, name, 0, end)) {
    const timer = timerCallOf(reference, 'setInterval');
    if (timer && findDeclaration(index, name, reference)?.node === declarationOf(fn)) return timer;
  }
  return undefined;
}

/** The timer call `reference` is scheduled by: `setTimeout(poll, …)` or `setTimeout(() => poll(), …)`. */
function timerCallOf(reference: ts.Identifier, timer: string): ts.CallExpression | undefined {
  let argument: ts.Node = reference;
  // `() => poll()` and `() => void poll()`: a callback that only calls it.
  const called = reference.parent;
  if (ts.isCallExpression(called) && called.expression === reference) {
    let body: ts.Node = called;
    if (ts.isVoidExpression(body.parent)) body = body.parent;
    const arrow = body.parent;
    if (!isInlineFunction(arrow) || arrow.body !== body) return undefined;
    argument = arrow;
  }
  const parent = argument.parent;
  return ts.isCallExpression(parent) &&
    parent.arguments[0] === argument &&
    isTimerCall(parent, timer)
    ? parent
    : undefined;
}

function isTimerCall(call: ts.CallExpression, timer: string): boolean {
  const name = getEntityName(call.expression);
  if (name === timer) return true;
  const dot = name?.indexOf('.') ?? -1;
  return dot > 0 && timerHosts.has(name!.slice(0, dot)) && name!.slice(dot + 1) === timer;
}

/** Whether the reschedule runs when the request fails: in a `finally` or `catch` around it, or before it. */
function runsAfterFailure(timer: ts.CallExpression, call: ts.CallExpression): boolean {
  if (timer.end <= call.getStart()) return true;
  for (let node: ts.Node = timer; node.parent; node = node.parent) {
    const parent = node.parent;
    if (ts.isTryStatement(parent) && isWithin(call, parent.tryBlock))
      return node === parent.finallyBlock || node === parent.catchClause;
    if (ts.isFunctionLike(parent)) return false;
  }
  return false;
}

function declarationOf(fn: ts.SignatureDeclaration): ts.Node {
  return ts.isFunctionDeclaration(fn) ? fn : fn.parent;
}

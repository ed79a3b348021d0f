import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  loadOpenApiDocument,
  type SpecFileReader,
} from '../../server/src/service/openapi/loadOpenApiDocument';
import { toOpenApiContract } from '../../server/src/service/openapi/openApiContract';
import { cpuTimedAsync } from '../helpers/cpuTime';

const uri = 'file:///project/api/openapi.yaml';

function readerOf(text: string): SpecFileReader {
  return {
    readFile: (requested) =>
      requested === uri ? Promise.resolve(text) : Promise.reject(new Error('not found')),
  };
}

const head =
  'openapi: 3.0.0\ninfo: { title: Bomb, version: "1" }\npaths:\n  /pets:\n    get:\n      responses:\n        "404": { description: No pets. }\n';

/** Nine levels of ten aliases: 583 bytes that expand to a billion nodes. */
function aliasBomb(): string {
  const lines = ['x-bomb:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level <= 9; level++)
    lines.push(
      `  a${level}: &a${level} [${Array(10)
        .fill(`*a${level - 1}`)
        .join(', ')}]`,
    );
  return `${head}${lines.join('\n')}\n`;
}

function lineOf(text: string, line: number): string {
  return text.split('\n')[line]!;
}

describe('YAML aliases within a budget', () => {
  it('an alias bomb loads at once, its operations kept, with a diagnostic at the alias that would blow the budget', async () => {
    const text = aliasBomb();
    const {
      value: { loaded, contract },
      ms,
    } = await cpuTimedAsync(async () => {
      const loaded = await loadOpenApiDocument(uri, readerOf(text));
      return { loaded, contract: toOpenApiContract(loaded) };
    });
    assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms of CPU time`);
    assert.deepEqual(
      contract?.operations.map((operation) => `${operation.method} ${operation.path}`),
      ['GET /pets'],
    );
    const problems = loaded.problems.get(uri) ?? [];
    assert.equal(problems.length, 1);
    for (const problem of problems) {
      assert.equal(problem.code, 'yaml-alias');
      const written = lineOf(text, problem.range.start.line).slice(
        problem.range.start.character,
        problem.range.end.character,
      );
      assert.match(written, /^\*a\d$/);
    }
    assert.match(
      String(problems[0]!.message),
      /past 100,000 nodes beyond those written \(an alias bomb\?\); it and the \d+ aliases after it are left out/,
    );
  });

  it('a recursive alias is left out with a diagnostic at it, and the rest of the spec is used', async () => {
    const text = `${head}  /orders: &loop\n    get:\n      responses:\n        "409": { description: Busy. }\n    x-self: *loop\n`;
    const loaded = await loadOpenApiDocument(uri, readerOf(text));
    const contract = toOpenApiContract(loaded);
    assert.deepEqual(
      contract?.operations.map((operation) => `${operation.method} ${operation.path}`).sort(),
      ['GET /orders', 'GET /pets'],
    );
    assert.deepEqual(
      (loaded.problems.get(uri) ?? []).map((each) => [
        each.code,
        each.range.start.line,
        lineOf(text, each.range.start.line).slice(
          each.range.start.character,
          each.range.end.character,
        ),
      ]),
      [['yaml-alias', 11, '*loop']],
    );
  });

  it('shared blocks within the budget are expanded as before', async () => {
    const text = `${head}  /orders:\n    get:\n      responses: &errors\n        "409": { description: Busy. }\n    delete:\n      responses: *errors\n`;
    const loaded = await loadOpenApiDocument(uri, readerOf(text));
    assert.deepEqual(loaded.problems.get(uri) ?? [], []);
    const contract = toOpenApiContract(loaded);
    assert.equal(contract?.operations.length, 3);
  });

  it('a file with a syntax error and many aliases keeps its value and says what is wrong', async () => {
    const text = `${aliasBomb()}  broken: [unclosed\n`;
    const loaded = await loadOpenApiDocument(uri, readerOf(text));
    assert.equal(loaded.version, '3.0.0');
    const codes = new Set((loaded.problems.get(uri) ?? []).map((each) => each.code));
    assert.deepEqual([...codes].sort(), ['spec-syntax-error', 'yaml-alias']);
  });
});

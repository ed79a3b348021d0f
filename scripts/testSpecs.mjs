// Runs the tests on the public OpenAPI descriptions in ../shared/data/openapi beside the checkout
// (CI has them; a fresh clone does not, and then this says so and passes).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const data = fileURLToPath(new URL('../../shared/data/openapi', import.meta.url));
if (!existsSync(data)) {
  console.log(`SKIPPED: the real-description tests need ${data}, which is not there.`);
  process.exit(0);
}
const result = spawnSync(process.execPath, ['scripts/test.mjs', 'test/specs'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

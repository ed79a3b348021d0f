import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The public OpenAPI descriptions in `../shared` beside the checkout, when they are there (CI), else undefined (a fresh clone). */
export function sharedOpenApiFolder(): string | undefined {
  const folder = path.resolve(__dirname, '../../../shared/data/openapi');
  return existsSync(folder) ? folder : undefined;
}

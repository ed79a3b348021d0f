// The reference for bench/coldLoad.ts: one cold `dereference` of the same description by
// swagger-parser, in a fresh process, holding it to local files as the product is.
import SwaggerParser from '@apidevtools/swagger-parser';

const api = await SwaggerParser.dereference(process.argv[2], { resolve: { http: false } });
process.stdout.write(`${Object.keys(api.paths ?? {}).length}\n`);

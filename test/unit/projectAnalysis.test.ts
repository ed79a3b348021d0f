import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CreateFile, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import {
  createProjectModules,
  type ProjectFiles,
} from '../../server/src/service/code/projectModules';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import type { ApiContract, StatusContract } from '../../server/src/service/contracts/model';
import { getLanguageService } from '../../server/src/service/languageService';
import { codeTestContracts, codeTestSettings } from '../helpers/codeTestSupport';

const DAM = 'https://api2.saleslayer.com/dam';

/** A project in memory: relative imports resolve to the files given, with or without extension. */
function projectOf(files: Record<string, string>): ProjectFiles {
  const uri = (name: string) => `file:///project/${name}`;
  return {
    resolveModule(fromUri, specifier) {
      const base = new URL(specifier, fromUri).href.replace(/\.js$/, '');
      return [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`].find(
        (candidate) => files[candidate.slice(uri('').length)] !== undefined,
      );
    },
    readFile: (each) => files[each.slice(uri('').length)],
  };
}

/** The diagnostics of `main` in a project of other files: `code:status:line`. */
function check(main: string, others: Record<string, string> = {}): string[] {
  const service = getLanguageService({
    contracts: codeTestContracts,
    projectFiles: projectOf({ ...others, 'main.ts': main }),
  });
  const document = TextDocument.create('file:///project/main.ts', 'typescript', 1, main);
  return service
    .doValidation(document, codeTestSettings())
    .map(
      (each) =>
        `${each.code}:${(each.data as { status?: number }).status ?? '-'}:${each.range.start.line}`,
    );
}

describe('the project around a call', () => {
  it('a base URL imported from another module', () => {
    const main = `import { DAM_API } from './config';\nexport async function remove(id: string) {\n  const res = await fetch(\`\${DAM_API}/image/\${id}\`, { method: 'DELETE' });\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;
    assert.deepEqual(check(main, { 'config.ts': `export const DAM_API = '${DAM}';\n` }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
    // Without the module the base is unknown, and the call is no DAM call.
    assert.deepEqual(check(main), []);
  });

  it('an instance of a class exported by another module: its methods are called through it', () => {
    const dam = `class Dam {\n  private base = '${DAM}';\n  deleteImage(id: string) {\n    return fetch(\`\${this.base}/image/\${id}\`, { method: 'DELETE' });\n  }\n  #sign(path: string) {\n    return fetch(\`\${this.base}\${path}\`, { method: 'POST' });\n  }\n}\nexport const dam = new Dam();\n`;
    const main = `import { dam } from './dam';\nexport async function remove(id: string) {\n  const res = await dam.deleteImage(id);\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;
    assert.deepEqual(check(main, { 'dam.ts': dam }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
  });

  it('a service of another module injected by its type: its methods are called through the member', () => {
    const dam = `export class DamService {\n  deleteImage(id: string) {\n    return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  }\n}\n`;
    const main = `import { DamService } from './dam.service';\nexport class GalleryController {\n  constructor(private readonly dam: DamService) {}\n  async remove(id: string) {\n    const res = await this.dam.deleteImage(id);\n    if (!res.ok) throw new Error(String(res.status));\n  }\n}\n`;
    assert.deepEqual(check(main, { 'dam.service.ts': dam }), [
      'unhandled-status:409:4',
      'unhandled-status:500:4',
    ]);
  });

  it('a class exported by another module, instantiated here: its methods are called through the instance', () => {
    const dam = `export default class Dam {\n  constructor(private token: string) {}\n  deleteImage(id: string) {\n    return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE', headers: { Authorization: this.token } });\n  }\n}\n`;
    const main = `import Dam from './dam';\nconst dam = new Dam('token');\nexport async function remove(id: string) {\n  const res = await dam.deleteImage(id);\n  return res.json();\n}\n`;
    assert.deepEqual(check(main, { 'dam.ts': dam }), ['unchecked-response:-:3']);
    // Named, and instantiated inside the function.
    const named = dam.replace('export default class', 'export class');
    const inside = `import { Dam } from './dam';\nexport async function remove(id: string) {\n  const res = await new Dam('t').deleteImage(id);\n  const dam = new Dam('token');\n  const again = await dam.deleteImage(id);\n  if (!again.ok) throw new Error();\n  return res.ok;\n}\n`;
    assert.deepEqual(check(inside, { 'dam.ts': named }), [
      'unhandled-status:409:4',
      'unhandled-status:500:4',
    ]);
  });

  it('a class exported by another module, its method called on the instance made in the same expression', () => {
    const dam = `export class Dam {\n  constructor(private token: string) {}\n  deleteImage(id: string) {\n    return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE', headers: { Authorization: this.token } });\n  }\n}\n`;
    const main = `import { Dam } from './dam';\nexport async function remove(id: string) {\n  const res = await new Dam('token').deleteImage(id);\n  return res.json();\n}\n`;
    assert.deepEqual(check(main, { 'dam.ts': dam }), ['unchecked-response:-:2']);
  });

  it('a static method of a class, and a method of a default-exported object, of another module', () => {
    const dam = `export class DamApi {\n  static deleteImage(id: string) {\n    return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  }\n}\nexport default {\n  deleteImage(id: string) {\n    return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  },\n};\n`;
    const main = `import api, { DamApi } from './dam';\nexport async function remove(id: string) {\n  const res = await DamApi.deleteImage(id);\n  const again = await api.deleteImage(id);\n  return [await res.json(), await again.json()];\n}\n`;
    assert.deepEqual(check(main, { 'dam.ts': dam }), [
      'unchecked-response:-:2',
      'unchecked-response:-:3',
    ]);
  });

  it('a client factory another module exports: the methods of the API object it returns', () => {
    const dam = `export function createDamClient(token: string) {\n  return {\n    remove: (id: string) =>\n      fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE', headers: { Authorization: token } }),\n  };\n}\n`;
    const main = `import { createDamClient } from './dam';\nconst client = createDamClient('token');\nexport async function remove(id: string) {\n  const res = await client.remove(id);\n  return res.json();\n}\n`;
    assert.deepEqual(check(main, { 'dam.ts': dam }), ['unchecked-response:-:3']);
  });

  it('an instance a module exports as its default, or as module.exports: its methods are called through it', () => {
    const cls = `class Dam {\n  deleteImage(id: string) {\n    return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  }\n}\n`;
    const main = `import dam from './dam';\nexport async function remove(id: string) {\n  const res = await dam.deleteImage(id);\n  return res.json();\n}\n`;
    assert.deepEqual(check(main, { 'dam.ts': `${cls}export default new Dam();\n` }), [
      'unchecked-response:-:2',
    ]);
    const required = main.replace("import dam from './dam';", "const dam = require('./dam');");
    assert.deepEqual(check(required, { 'dam.js': `${cls}module.exports = new Dam();\n` }), [
      'unchecked-response:-:2',
    ]);
  });

  it('an instance another module exports, made with its base URL: the base is read where it is made', () => {
    const api = `export class ApiClient {\n  private base: string;\n  constructor(base: string) {\n    this.base = base;\n  }\n  del(path: string) {\n    return fetch(\`\${this.base}\${path}\`, { method: 'DELETE' });\n  }\n}\nexport const dam = new ApiClient('${DAM}');\nexport const other = new ApiClient('https://example.com');\n`;
    const main = `import { dam, other } from './api';\nexport async function remove(id: string) {\n  const res = await dam.del(\`/image/\${id}\`);\n  const elsewhere = await other.del(\`/image/\${id}\`);\n  return [await res.json(), await elsewhere.json()];\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), ['unchecked-response:-:2']);
  });

  it('an exported instance whose class keeps its base in a parameter property', () => {
    const api = `export class ApiClient {\n  constructor(private readonly base: string) {}\n  del(path: string) {\n    return fetch(\`\${this.base}\${path}\`, { method: 'DELETE' });\n  }\n}\nexport const dam = new ApiClient('${DAM}');\n`;
    const main = `import { dam } from './api';\nexport async function remove(id: string) {\n  const res = await dam.del(\`/image/\${id}\`);\n  return res.json();\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), ['unchecked-response:-:2']);
  });

  it('a client class extending a base class another module exports: its calls are the base request', () => {
    const base = `export class ApiClient {\n  protected base = '${DAM}';\n  protected request(path: string, method = 'GET') {\n    return fetch(\`\${this.base}\${path}\`, { method });\n  }\n}\n`;
    const main = `import { ApiClient } from './apiClient';\nexport class Images extends ApiClient {\n  async remove(id: string) {\n    const res = await this.request(\`/image/\${id}\`, 'DELETE');\n    if (!res.ok) throw new Error(String(res.status));\n  }\n}\n`;
    assert.deepEqual(check(main, { 'apiClient.ts': base }), [
      'unhandled-status:409:3',
      'unhandled-status:500:3',
    ]);
    // Default-exported, and called through an instance of the subclass.
    const byDefault = base.replace('export class ApiClient', 'export default class ApiClient');
    const instance = `import ApiClient from './apiClient';\nclass Images extends ApiClient {\n  remove(id: string) {\n    return this.request(\`/image/\${id}\`, 'DELETE');\n  }\n}\nexport async function remove(id: string) {\n  const images = new Images();\n  const res = await images.remove(id);\n  return res.json();\n}\n`;
    assert.deepEqual(check(instance, { 'apiClient.ts': byDefault }), ['unchecked-response:-:8']);
  });

  it('a wrapper in another module that adds its base URL and throws on failure: reported where it is called', () => {
    const api = `const BASE = '${DAM}';\nexport async function del(path: string) {\n  const res = await fetch(BASE + path, { method: 'DELETE' });\n  if (!res.ok) throw new Error(\`DAM answered \${res.status}\`);\n  return res.json();\n}\n`;
    const main = `import { del } from './api';\nexport async function remove(id: string) {\n  await del(\`/image/\${id}\`);\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
    // A caller that hands the promise on leaves it to its own caller.
    assert.deepEqual(
      check(
        `import { del } from './api';\nexport function remove(id: string) {\n  return del(\`/image/\${id}\`);\n}\n`,
        { 'api.ts': api },
      ),
      [],
    );
  });

  it('a wrapper that retries 409 itself: its callers are not told to', () => {
    const api = `export async function del(path: string): Promise<void> {\n  const res = await fetch('${DAM}' + path, { method: 'DELETE' });\n  if (res.status === 409) { await new Promise((r) => setTimeout(r, 1000)); return del(path); }\n  if (res.status >= 500) throw new Error('retry later');\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;
    assert.deepEqual(
      check(
        `import { del } from './api';\nexport async function remove(id: string) {\n  await del(\`/image/\${id}\`);\n}\n`,
        { 'api.ts': api },
      ),
      [],
    );
  });

  it('a wrapper that gives back the body without looking at the status: its callers get unchecked-response', () => {
    const main = `const call = (url: string, init?: RequestInit) => fetch(url, init).then((r) => r.json());\nexport async function remove(id: string) {\n  const body = await call(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  return body.name;\n}\n`;
    assert.deepEqual(check(main), ['unchecked-response:-:2']);
  });

  it('a function in another module that returns the response: the caller checks it', () => {
    const images = `export const removeImage = (id: string) => fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n`;
    const main = `import { removeImage } from './images';\nexport async function remove(id: string) {\n  const res = await removeImage(id);\n  if (res.status === 409) return 'later';\n  if (!res.ok) throw new Error(String(res.status));\n  return 'done';\n}\n`;
    assert.deepEqual(check(main, { 'images.ts': images }), ['unhandled-status:500:2']);
  });

  it('a response handed to a function another module exports: its tests are those of the call', () => {
    const http = `export async function handleResponse(res: Response) {\n  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);\n  return res.json();\n}\nexport const checkStatus = (res: Response) => {\n  if (res.status === 409) throw new Error('later');\n  if (!res.ok) throw new Error(res.statusText);\n  return res;\n};\nexport function keep(res: Response) {\n  return store(res);\n}\n`;
    const call = `fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' })`;
    const main = (
      body: string,
      imports = `import { handleResponse, checkStatus, keep } from './http';`,
    ) => `${imports}\nexport async function remove(id: string) {\n${body}\n}\n`;
    const generic = ['unhandled-status:409:2', 'unhandled-status:500:2'];
    // A generic failure branch there: 409 (retry later) and 500 are not handled.
    assert.deepEqual(
      check(main(`  const res = await ${call};\n  return handleResponse(res);`), {
        'http.ts': http,
      }),
      generic,
    );
    assert.deepEqual(
      check(main(`  return ${call}.then(handleResponse);`), { 'http.ts': http }),
      generic,
    );
    assert.deepEqual(
      check(
        main(
          `  const res = await ${call};\n  return http.handleResponse(res);`,
          `import * as http from './http';`,
        ),
        {
          'http.ts': http,
        },
      ),
      generic,
    );
    // Its test of 409 counts; what it returns is the response, looked at no further.
    assert.deepEqual(
      check(main(`  const res = checkStatus(await ${call});\n  return res.json();`), {
        'http.ts': http,
      }),
      ['unhandled-status:500:2'],
    );
    // Handed on from there to code nobody reads: nothing is owed here.
    assert.deepEqual(
      check(main(`  const res = await ${call};\n  return keep(res);`), { 'http.ts': http }),
      [],
    );
    // Without the module, the function cannot be read, and the call is not judged.
    assert.deepEqual(
      check(main(`  const res = await ${call};\n  return handleResponse(res);`)),
      [],
    );
  });

  it('a wrapper whose response goes to a function another module exports: it handles what that function tests', () => {
    const http = `export async function handleResponse(res: Response) {\n  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);\n  return res.json();\n}\n`;
    const api = `import { handleResponse } from './http';\nexport async function del(path: string) {\n  const res = await fetch(\`${DAM}\${path}\`, { method: 'DELETE' });\n  return handleResponse(res);\n}\n`;
    const main = `import { del } from './api';\nexport async function remove(id: string) {\n  await del(\`/image/\${id}\`);\n}\n`;
    // It throws on failure: its callers owe the retry of 409 and 500, reported where they call it.
    assert.deepEqual(check(main, { 'api.ts': api, 'http.ts': http }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
  });

  it('the method passed positionally to a wrapper picks the operation', () => {
    const main = `async function request(path: string, method = 'GET') {\n  const res = await fetch('${DAM}' + path, { method });\n  if (!res.ok) throw new Error(String(res.status));\n  return res.json();\n}\nexport async function remove(id: string) {\n  await request(\`/image/\${id}\`, 'DELETE');\n}\n`;
    assert.deepEqual(check(main), ['unhandled-status:409:6', 'unhandled-status:500:6']);
  });

  it('an API object of another module, called as a member and handled with then', () => {
    const api = `export const imagesApi = {\n  remove: (id: string) => fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' }),\n};\n`;
    const main = `import { imagesApi } from './api';\nexport function remove(id: string) {\n  imagesApi.remove(id).then((res) => {\n    if (!res.ok) console.error(res.status);\n  });\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
  });

  it('a wrapper exported under a constant that aliases it', () => {
    const api = `const BASE = '${DAM}';\nasync function del(path: string) {\n  const res = await fetch(BASE + path, { method: 'DELETE' });\n  if (!res.ok) throw new Error(\`DAM answered \${res.status}\`);\n}\nexport const removeImage = del;\n`;
    const main = `import { removeImage } from './api';\nexport async function remove(id: string) {\n  await removeImage(\`/image/\${id}\`);\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
  });

  it('a relative URL is not claimed by an API whose servers are absolute', () => {
    assert.deepEqual(
      check(
        `export async function remove(id: string) {\n  const res = await fetch(\`/image/\${id}\`, { method: 'DELETE' });\n  if (!res.ok) throw new Error();\n}\n`,
      ),
      [],
    );
  });
});

describe('a wrapper that builds its URL in a constant of its own', () => {
  it('the URL still comes from the parameter the constant is built from', () => {
    const main = `import axios from 'axios';\nfunction api(path: string) {\n  const url = \`${DAM}\${path}\`;\n  return axios({ method: 'DELETE', url }).then((ret) => ret.data);\n}\nexport async function remove(id: string) {\n  await api(\`/image/\${id}\`);\n}\n`;
    assert.deepEqual(check(main), ['unhandled-status:409:6', 'unhandled-status:500:6']);
  });
});

describe('a client handed to a class of another module by its constructor', () => {
  const contacts = `export class Contacts {\n  constructor(client) {\n    this.client = client;\n  }\n  remove(id) {\n    return this.client.delete(\`/image/\${id}\`);\n  }\n}\n`;
  const caller = `import { contacts } from './index';\nexport async function remove(id: string) {\n  try {\n    await contacts.remove(id);\n  } catch (error) {\n    console.error(error);\n  }\n}\n`;

  it('an instance exported by the module that makes it with its client: the client is read there', () => {
    const index = `import axios from 'axios';\nimport { Contacts } from './contacts';\nconst http = axios.create({ baseURL: '${DAM}' });\nexport const contacts = new Contacts(http);\n`;
    assert.deepEqual(check(caller, { 'contacts.js': contacts, 'index.ts': index }), [
      'unhandled-status:409:3',
      'unhandled-status:500:3',
    ]);
    // The client's retry plug-in, registered where the client is made, retries for the call.
    const retried = index.replace(
      'export const',
      'axiosRetry(http, { retries: 3, retryCondition: (error) => error.response?.status === 409 });\nexport const',
    );
    const withPlugin = `import axiosRetry from 'axios-retry';\n${retried}`;
    assert.deepEqual(check(caller, { 'contacts.js': contacts, 'index.ts': withPlugin }), [
      'unhandled-status:500:3',
    ]);
  });

  it('an interceptor registered where the client is made retries for the call', () => {
    const index = `import axios from 'axios';\nimport { Contacts } from './contacts';\nconst http = axios.create({ baseURL: '${DAM}' });\nhttp.interceptors.response.use(\n  (response) => response,\n  async (error) => {\n    if (error.response?.status === 409 && !error.config.retried) return http.request({ ...error.config, retried: true });\n    return Promise.reject(error);\n  },\n);\nexport const contacts = new Contacts(http);\n`;
    assert.deepEqual(check(caller, { 'contacts.js': contacts, 'index.ts': index }), [
      'unhandled-status:500:3',
    ]);
  });

  it('a client imported into the module that makes the instance, and an instance made here', () => {
    const http = `import axios from 'axios';\nexport const http = axios.create({ baseURL: '${DAM}' });\n`;
    const main = `import { http } from './http';\nimport { Contacts } from './contacts';\nconst contacts = new Contacts(http);\nexport async function remove(id: string) {\n  try {\n    await contacts.remove(id);\n  } catch (error) {\n    console.error(error);\n  }\n}\n`;
    assert.deepEqual(check(main, { 'contacts.js': contacts, 'http.ts': http }), [
      'unhandled-status:409:5',
      'unhandled-status:500:5',
    ]);
  });

  it('an instance a class of another module makes with its own client: this.contacts = new Contacts(this.client)', () => {
    const api = `import axios from 'axios';\nimport { Contacts } from './contacts';\nexport class Api {\n  constructor() {\n    this.client = axios.create({ baseURL: '${DAM}' });\n    this.contacts = new Contacts(this.client);\n  }\n  async removeContact(id) {\n    try {\n      await this.contacts.remove(id);\n    } catch (error) {\n      console.error(error);\n    }\n  }\n}\n`;
    const main = `import { Api } from './api';\nexport async function remove(id: string) {\n  await new Api().removeContact(id);\n}\n`;
    const service = getLanguageService({
      contracts: codeTestContracts,
      projectFiles: projectOf({ 'contacts.js': contacts, 'api.js': api, 'main.ts': main }),
    });
    const document = TextDocument.create('file:///project/api.js', 'javascript', 1, api);
    assert.deepEqual(
      service
        .doValidation(document, codeTestSettings())
        .map((each) => `${(each.data as { status?: number }).status}:${each.range.start.line}`),
      ['409:9', '500:9'],
    );
  });

  it('a facade of another module whose member holds the instance: api.contacts.remove(id)', () => {
    const api = `import axios from 'axios';\nimport { Contacts } from './contacts';\nexport class Api {\n  constructor() {\n    this.client = axios.create({ baseURL: '${DAM}' });\n    this.contacts = new Contacts(this.client);\n  }\n}\nexport const api = new Api();\n`;
    const files = { 'contacts.js': contacts, 'api.js': api };
    const exported = caller
      .replace("from './index'", "from './api'")
      .replace(/contacts\./, 'api.contacts.')
      .replace('{ contacts }', '{ api }');
    assert.deepEqual(check(exported, files), ['unhandled-status:409:3', 'unhandled-status:500:3']);
    // The facade's class imported, its instance made here.
    const made = exported.replace('{ api }', '{ Api }').replace('\n', '\nconst api = new Api();\n');
    assert.deepEqual(check(made, files), ['unhandled-status:409:4', 'unhandled-status:500:4']);
  });

  it('a facade made without an argument list (new Api): its member shows no client, the file is still checked', () => {
    const api = `import { Contacts } from './contacts';\nexport class Api {\n  constructor(client) {\n    this.contacts = new Contacts(client);\n  }\n}\n`;
    const main = `import axios from 'axios';\nimport { Api } from './api';\nconst api = new Api;\nexport async function remove(id: string) {\n  await api.contacts.remove(id);\n  await axios.delete(\`${DAM}/image/\${id}\`);\n}\n`;
    assert.deepEqual(check(main, { 'contacts.js': contacts, 'api.js': api }), [
      'unhandled-status:409:5',
      'unhandled-status:500:5',
    ]);
  });

  it('a CommonJS facade class, required: new Api().contacts.remove(id)', () => {
    const cjsContacts = `${contacts.replace('export class', 'class')}module.exports = Contacts;\n`;
    const api = `const axios = require('axios');\nconst Contacts = require('./contacts');\nclass Api {\n  constructor() {\n    this.client = axios.create({ baseURL: '${DAM}' });\n    this.contacts = new Contacts(this.client);\n  }\n}\nmodule.exports = Api;\n`;
    const main = `const Api = require('./api');\nconst api = new Api();\nexport async function remove(id: string) {\n  try {\n    await api.contacts.remove(id);\n  } catch (error) {\n    console.error(error);\n  }\n}\n`;
    assert.deepEqual(check(main, { 'contacts.js': cjsContacts, 'api.js': api }), [
      'unhandled-status:409:4',
      'unhandled-status:500:4',
    ]);
  });

  it('no client shown where the instance is made: nothing is guessed', () => {
    const index = `import { Contacts } from './contacts';\nexport function make(client) {\n  return new Contacts(client);\n}\nexport const contacts = new Contacts(globalThis.client);\n`;
    assert.deepEqual(check(caller, { 'contacts.js': contacts, 'index.ts': index }), []);
  });
});

describe('a class whose base URL is a member', () => {
  const body = `  async remove(id: string) {\n    const res = await fetch(\`\${this.base}/image/\${id}\`, { method: 'DELETE' });\n    if (!res.ok) throw new Error(String(res.status));\n  }\n`;
  const cases: Record<string, string> = {
    'a parameter property with a default': `  constructor(private base = '${DAM}') {}\n`,
    'a field initializer': `  base = '${DAM}';\n`,
    'a constructor default assigned to the member': `  base: string;\n  constructor(base = '${DAM}') {\n    this.base = base;\n  }\n`,
    'an option with a fallback': `  base: string;\n  constructor(options: { base?: string } = {}) {\n    this.base = options.base ?? '${DAM}';\n  }\n`,
  };
  for (const [name, member] of Object.entries(cases)) {
    it(`${name}: the call is the DAM's DELETE /image/{id}`, () => {
      const main = `export class Images {\n${member}${body}}\n`;
      const line = main.split('\n').findIndex((text) => text.includes('await fetch('));
      assert.deepEqual(check(main), [
        `unhandled-status:409:${line}`,
        `unhandled-status:500:${line}`,
      ]);
    });
  }
});

describe('the apis setting ties a base to an API by any name it goes by', () => {
  const main = `import { DAM_URL } from './config';\nexport async function remove(id: string) {\n  const res = await fetch(\`\${DAM_URL}/image/\${id}\`, { method: 'DELETE' });\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;
  const config = { 'config.ts': 'export const DAM_URL = process.env.DAM_URL;\n' };
  const withApis = (apis: Record<string, string>) => {
    const service = getLanguageService({
      contracts: codeTestContracts,
      projectFiles: projectOf({ ...config, 'main.ts': main }),
    });
    return service
      .doValidation(
        TextDocument.create('file:///project/main.ts', 'typescript', 1, main),
        codeTestSettings({ apis }),
      )
      .map((each) => (each.data as { status?: number }).status);
  };
  it('the imported constant, or the environment variable it is read from', () => {
    assert.deepEqual(withApis({ DAM_URL: 'saleslayer-dam' }), [409, 500]);
    assert.deepEqual(withApis({ 'process.env.DAM_URL': 'saleslayer-dam' }), [409, 500]);
    assert.deepEqual(withApis({ OTHER_URL: 'saleslayer-dam' }), []);
  });
});

describe('a call tied to a workspace spec only on evidence', () => {
  const inventory: ApiContract = {
    id: 'inventory',
    name: 'Inventory',
    match: { hosts: ['inventory.example.com'], pathPrefixes: ['/v2'], problemTypePrefixes: [] },
    payloadFormats: ['unknown'],
    statuses: [],
    operations: [
      {
        method: 'PUT',
        path: '/items/{sku}/reservation',
        statuses: [
          {
            key: '429',
            title: 'Too Many Requests',
            meaning: 'Slow down.',
            action: 'back-off-and-retry',
          },
        ],
      },
    ],
    errorCodes: [],
    source: { kind: 'openapi', uri: 'file:///project/openapi/inventory.yaml' },
  };
  const service = getLanguageService({ contracts: createContractIndex([inventory]) });
  const validate = (text: string, apis: Record<string, string> = {}) =>
    service
      .doValidation(
        TextDocument.create('file:///project/main.ts', 'typescript', 1, text),
        codeTestSettings({ apis }),
      )
      .map(
        (each) =>
          `${each.code}:${(each.data as { status?: number }).status ?? '-'}:${each.severity}`,
      );
  const call = `export async function reserve(sku: string) {\n  const res = await fetch(\`\${process.env.INVENTORY_URL}/items/\${sku}/reservation\`, { method: 'PUT' });\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;

  it('a base the code does not show is not claimed by a spec whose servers are absolute: a hint says which apis entry ties it', () => {
    const diagnostics = service.doValidation(
      TextDocument.create('file:///project/main.ts', 'typescript', 1, call),
      codeTestSettings({ apis: {} }),
    );
    assert.deepEqual(
      diagnostics.map((each) => [each.code, each.severity]),
      [['untied-call', 4]],
    );
    assert.equal(
      diagnostics[0]!.message,
      '`PUT /items/{sku}/reservation` is an operation of Inventory (inventory.yaml), but nothing ties `process.env.INVENTORY_URL` to it, so this call is not checked: add "process.env.INVENTORY_URL": "inventory" to `apis` in api-error-contracts.json.',
    );
  });

  it('a quick fix writes the apis entry the hint names, into the config or a new one', () => {
    const document = TextDocument.create('file:///project/main.ts', 'typescript', 1, call);
    const fixFor = (text?: string) => {
      const configured = getLanguageService({
        contracts: createContractIndex([inventory]),
        projectConfigOf: () => ({
          uri: 'file:///project/api-error-contracts.json',
          ...(text !== undefined && { text }),
        }),
      });
      const settings = codeTestSettings({ apis: {} });
      const diagnostics = configured.doValidation(document, settings);
      const actions = configured.doCodeActions(
        document,
        diagnostics[0]!.range,
        { diagnostics, only: ['quickfix'] },
        settings,
      );
      const tie = actions.find((action) => action.title.startsWith('Tie '));
      assert.equal(
        tie?.title,
        'Tie `process.env.INVENTORY_URL` to "inventory" in api-error-contracts.json',
      );
      assert.equal(tie.isPreferred, false);
      return tie.edit!.documentChanges!;
    };
    const config = `{\n  "specs": ["openapi/*.yaml"],\n  "apis": { "DAM_BASE": "saleslayer-dam" }\n}\n`;
    const [change] = fixFor(config) as TextDocumentEdit[];
    const configDocument = TextDocument.create('file:///c.json', 'jsonc', 0, config);
    const written = TextDocument.applyEdits(configDocument, change!.edits as TextEdit[]);
    assert.deepEqual(JSON.parse(written), {
      specs: ['openapi/*.yaml'],
      apis: { DAM_BASE: 'saleslayer-dam', 'process.env.INVENTORY_URL': 'inventory' },
    });
    // No config yet: the fix creates one.
    const [create, insert] = fixFor() as [CreateFile, TextDocumentEdit];
    assert.equal(create.kind, 'create');
    assert.deepEqual(JSON.parse((insert.edits[0] as TextEdit).newText), {
      apis: { 'process.env.INVENTORY_URL': 'inventory' },
    });
    // And with the entry written, the call is checked.
    assert.deepEqual(validate(call, { 'process.env.INVENTORY_URL': 'inventory' }), [
      'unhandled-status:429:2',
    ]);
  });

  it('with the entry, the call is checked against the spec', () => {
    assert.deepEqual(validate(call, { 'process.env.INVENTORY_URL': 'inventory' }), [
      'unhandled-status:429:2',
    ]);
  });
});

describe('a wrapper that tests the status in a way the analysis does not read', () => {
  it('is taken to fail for what is not a success: its callers are not told the status is never looked at', () => {
    const main = `const getImages = () =>\n  fetch('${DAM}/image')\n    .then((res) => Promise.all([res.ok, res.json()]))\n    .then(([ok, data]) => {\n      if (!ok) throw data;\n      return data.items;\n    });\nexport function load(render: (items: unknown) => void) {\n  return getImages().then((items) => render(items));\n}\n`;
    assert.deepEqual(check(main), []);
  });
});

describe('URLs built by functions of the project', () => {
  const main = (builder: string, importLine: string) =>
    `${importLine}export async function remove(id: string) {\n  const res = await fetch(${builder}, { method: 'DELETE' });\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;
  const reported = ['unhandled-status:409:2', 'unhandled-status:500:2'];

  it('an endpoint builder of an imported routes object', () => {
    const routes = `const BASE = '${DAM}';\nexport const routes = {\n  image: (id: string) => \`\${BASE}/image/\${id}\`,\n};\n`;
    const code = main('routes.image(id)', `import { routes } from './routes';\n`);
    assert.deepEqual(check(code, { 'routes.ts': routes }), reported);
    // Without the module the URL is unknown: no call of the DAM.
    assert.deepEqual(check(code), []);
  });

  it('an imported builder taking its segments as a rest parameter', () => {
    const urls = `const BASE = '${DAM}';\nexport const endpoint = (...parts: string[]) => [BASE, ...parts].join('/');\n`;
    const code = main(`endpoint('image', id)`, `import { endpoint } from './urls';\n`);
    assert.deepEqual(check(code, { 'urls.ts': urls }), reported);
    // A segment the call does not give is no segment: /image is not DELETE /image/{id}.
    const fewer = main(`endpoint('image')`, `import { endpoint } from './urls';\n`);
    assert.deepEqual(check(fewer, { 'urls.ts': urls }), []);
  });

  it('an imported function declaration, by name or through a namespace', () => {
    const routes = `const BASE = '${DAM}';\nexport function imageUrl(id: string) {\n  return \`\${BASE}/image/\${id}\`;\n}\n`;
    assert.deepEqual(
      check(main('imageUrl(id)', `import { imageUrl } from './routes';\n`), {
        'routes.ts': routes,
      }),
      reported,
    );
    assert.deepEqual(
      check(main('routes.imageUrl(id)', `import * as routes from './routes';\n`), {
        'routes.ts': routes,
      }),
      reported,
    );
  });

  it('a builder nested in a constant object, in this module or imported', () => {
    const constants = `export const Const = { URL: { ENDPOINTS: { IMAGE: (id: string) => \`${DAM}/image/\${id}\` } } };\n`;
    assert.deepEqual(check(main('Const.URL.ENDPOINTS.IMAGE(id)', constants.slice(7))), reported);
    assert.deepEqual(
      check(main('Const.URL.ENDPOINTS.IMAGE(id)', `import { Const } from './constants';\n`), {
        'constants.ts': constants,
      }),
      reported,
    );
  });

  it('a builder whose parameter has a default: the default is the segment', () => {
    const routes = `export const imageUrl = (id: string, base = '${DAM}') => \`\${base}/image/\${id}\`;\n`;
    assert.deepEqual(
      check(main('imageUrl(id)', `import { imageUrl } from './routes';\n`), {
        'routes.ts': routes,
      }),
      reported,
    );
  });
});

describe('client instances made in another module', () => {
  const http = `import axios from 'axios';\nexport const http = axios.create({ baseURL: '${DAM}' });\n`;
  const remove = `export async function remove(id: string) {\n  await http.delete(\`/image/\${id}\`);\n}\n`;

  it('an imported instance keeps the base URL of the module that makes it', () => {
    assert.deepEqual(check(`import { http } from './http';\n${remove}`, { 'http.ts': http }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
    const asDefault = `import axios from 'axios';\nconst http = axios.create({ baseURL: '${DAM}' });\nexport default http;\n`;
    assert.deepEqual(check(`import http from './http';\n${remove}`, { 'http.ts': asDefault }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
  });

  it('a path without a leading slash is joined to the base with one, as axios joins them', () => {
    const relative = remove.replace('`/image/', '`image/');
    assert.deepEqual(check(`import { http } from './http';\n${relative}`, { 'http.ts': http }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
  });

  it('an instance an async factory of another module makes and returns', () => {
    const client = `import axios from 'axios';\nconst createClient = async () => {\n  const token = await Promise.resolve('t');\n  return axios.create({ baseURL: '${DAM}', headers: { Authorization: token } });\n};\nexport default createClient;\n`;
    const main = `import createClient from './client';\nexport async function remove(id: string) {\n  const client = await createClient();\n  try {\n    await client.delete(\`/image/\${id}\`);\n  } catch (error) {\n    console.error(error);\n  }\n}\n`;
    assert.deepEqual(check(main, { 'client.ts': client }), [
      'unhandled-status:409:4',
      'unhandled-status:500:4',
    ]);
  });

  it('an interceptor registered where the instance is made retries for every importer', () => {
    const withInterceptor = `${http}http.interceptors.response.use((r) => r, async (error) => {\n  if (error.response?.status === 409 || error.response?.status >= 500) return http.request(error.config);\n  throw error;\n});\n`;
    assert.deepEqual(
      check(`import { http } from './http';\n${remove}`, { 'http.ts': withInterceptor }),
      [],
    );
  });

  it('axios-retry registered where the instance is made', () => {
    const withRetry = `${http}import axiosRetry from 'axios-retry';\naxiosRetry(http, { retries: 3, retryCondition: (error) => [409, 500].includes(error.response?.status ?? 0) });\n`;
    assert.deepEqual(
      check(`import { http } from './http';\n${remove}`, { 'http.ts': withRetry }),
      [],
    );
  });

  it('an API object of a third module built on the instance, nested', () => {
    const api = `import { http } from './http';\nexport const api = { images: { remove: (id: string) => http.delete(\`/image/\${id}\`) } };\n`;
    const main = `import { api } from './api';\nexport async function remove(id: string) {\n  await api.images.remove(id);\n}\n`;
    assert.deepEqual(check(main, { 'http.ts': http, 'api.ts': api }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
  });

  it('modules that import each other end', () => {
    const a = `import { http } from './b';\nexport const api = http;\n`;
    const b = `import { api } from './a';\nexport const http = api;\n`;
    assert.deepEqual(check(`import { http } from './b';\n${remove}`, { 'a.ts': a, 'b.ts': b }), []);
  });
});

describe('CommonJS modules: require and module.exports', () => {
  const dam = `const BASE = '${DAM}';\nfunction deleteImage(id) {\n  return fetch(\`\${BASE}/image/\${id}\`, { method: 'DELETE' });\n}\nmodule.exports = { deleteImage };\n`;
  const body = (call: string) =>
    `export async function remove(id: string) {\n  const res = await ${call};\n  return res.json();\n}\n`;

  it('a wrapper required whole or destructured, exported as an object, a member or the module', () => {
    const whole = `const dam = require('./dam');\n${body('dam.deleteImage(id)')}`;
    assert.deepEqual(check(whole, { 'dam.js': dam }), ['unchecked-response:-:2']);
    const destructured = `const { deleteImage: del } = require('./dam');\n${body('del(id)')}`;
    assert.deepEqual(check(destructured, { 'dam.js': dam }), ['unchecked-response:-:2']);
    const inline = `exports.deleteImage = async (id) => fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n`;
    assert.deepEqual(check(whole, { 'dam.js': inline }), ['unchecked-response:-:2']);
    const methods = `module.exports = {\n  deleteImage(id) {\n    return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  },\n};\n`;
    assert.deepEqual(check(whole, { 'dam.js': methods }), ['unchecked-response:-:2']);
    const single = dam.replace('module.exports = { deleteImage }', 'module.exports = deleteImage');
    const called = `const deleteImage = require('./dam');\n${body('deleteImage(id)')}`;
    assert.deepEqual(check(called, { 'dam.js': single }), ['unchecked-response:-:2']);
    // An ES module importing it gets module.exports as its default.
    const esm = `import dam from './dam';\n${body('dam.deleteImage(id)')}`;
    assert.deepEqual(check(esm, { 'dam.js': dam }), ['unchecked-response:-:2']);
  });

  it('a base URL, an axios instance and a class exported by a CommonJS module', () => {
    const config = `module.exports = { DAM_API: '${DAM}' };\n`;
    const byName = `const { DAM_API } = require('./config');\n${body("fetch(`${DAM_API}/image/${id}`, { method: 'DELETE' })")}`;
    assert.deepEqual(check(byName, { 'config.js': config }), ['unchecked-response:-:2']);
    const byMember = `const config = require('./config');\n${body("fetch(`${config.DAM_API}/image/${id}`, { method: 'DELETE' })")}`;
    assert.deepEqual(check(byMember, { 'config.js': config }), ['unchecked-response:-:2']);
    const http = `const axios = require('axios');\nmodule.exports = axios.create({ baseURL: '${DAM}' });\n`;
    const viaAxios = `const http = require('./http');\nexport async function remove(id: string) {\n  try {\n    await http.delete(\`/image/\${id}\`);\n  } catch (error) {\n    console.error(error);\n    throw error;\n  }\n}\n`;
    assert.deepEqual(check(viaAxios, { 'http.js': http }), [
      'unhandled-status:409:3',
      'unhandled-status:500:3',
    ]);
    const cls = `class Dam {\n  deleteImage(id) {\n    return fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  }\n}\nmodule.exports = Dam;\n`;
    const viaClass = `const Dam = require('./dam');\n${body('new Dam().deleteImage(id)')}`;
    assert.deepEqual(check(viaClass, { 'dam.js': cls }), ['unchecked-response:-:2']);
  });
});

describe('wrappers of wrappers', () => {
  const api = `const BASE = 'https://api2.saleslayer.com';\nexport async function send(path: string, method = 'GET') {\n  const res = await fetch(BASE + path, { method });\n  if (!res.ok) throw new Error(\`answered \${res.status}\`);\n  return res.json();\n}\n`;

  it('a function that adds a path prefix and the method: its calls are the call the innermost makes', () => {
    const main = `import { send } from './api';\nfunction dam(path: string, method: string) {\n  return send('/dam' + path, method);\n}\nexport async function remove(id: string) {\n  await dam(\`/image/\${id}\`, 'DELETE');\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), [
      'unhandled-status:409:5',
      'unhandled-status:500:5',
    ]);
  });

  it('three deep, with the method fixed in the middle', () => {
    const main = `import { send } from './api';\nconst dam = (path: string) => send('/dam' + path, 'DELETE');\nconst image = (id: string) => dam(\`/image/\${id}\`);\nexport async function remove(id: string) {\n  await image(id);\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), [
      'unhandled-status:409:4',
      'unhandled-status:500:4',
    ]);
  });

  it('a function whose own call is tied to the operation is held to it there, not again at its calls', () => {
    const main = `import { send } from './api';\nexport async function removeImage(id: string) {\n  await send(\`/dam/image/\${id}\`, 'DELETE');\n}\nexport async function a() {\n  await removeImage('1');\n}\nexport async function b() {\n  await removeImage('2');\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), [
      'unhandled-status:409:2',
      'unhandled-status:500:2',
    ]);
    const direct = `export async function removeImage(id: string) {\n  const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n  if (!res.ok) throw new Error(String(res.status));\n}\nexport async function a() {\n  await removeImage('1');\n}\n`;
    assert.deepEqual(check(direct), ['unhandled-status:409:1', 'unhandled-status:500:1']);
  });

  it('a function that catches what the inner one throws leaves its callers nothing to handle', () => {
    const main = `import { send } from './api';\nasync function quietly(path: string) {\n  try {\n    return await send('/dam' + path, 'DELETE');\n  } catch {\n    return undefined;\n  }\n}\nexport async function remove(id: string) {\n  await quietly(\`/image/\${id}\`);\n}\n`;
    assert.deepEqual(check(main, { 'api.ts': api }), []);
  });

  it('an axios call whose failure the function catches itself is held to it there, not again at its calls', () => {
    const main = `import axios from 'axios';\nconst dam = axios.create({ baseURL: '${DAM}' });\nasync function remove(id: string) {\n  try {\n    await dam.delete(\`/image/\${id}\`);\n    return true;\n  } catch (error) {\n    console.error(error);\n    return false;\n  }\n}\nexport async function handler(id: string) {\n  return { removed: await remove(id) };\n}\n`;
    assert.deepEqual(check(main), ['unhandled-status:409:4', 'unhandled-status:500:4']);
  });

  it('a body returned unchecked two levels down: the first call where the API is known gets unchecked-response, once', () => {
    const main = `const getJson = (url: string, init?: RequestInit) => fetch(url, init).then((r) => r.json());\nconst remove = (type: string, id: string) =>\n  getJson(\`${DAM}/\${type}/\${id}\`, { method: 'DELETE' });\nexport async function removeImage(id: string) {\n  return remove('image', id);\n}\n`;
    assert.deepEqual(check(main), ['unchecked-response:-:2']);
  });
});

describe('a segment that is one of a few literals', () => {
  const status = (key: string, action: StatusContract['action']): StatusContract => ({
    key,
    title: key,
    meaning: `${key} meaning.`,
    action,
  });
  const player: ApiContract = {
    id: 'player',
    name: 'Player',
    match: { hosts: ['player.example.com'], pathPrefixes: ['/v1'], problemTypePrefixes: [] },
    payloadFormats: ['unknown'],
    statuses: [],
    operations: ['next', 'previous', 'play', 'pause'].map((verb) => ({
      method: 'POST',
      path: `/me/player/${verb}`,
      statuses: [
        status('401', 're-authenticate'),
        status('429', 'back-off-and-retry'),
        ...(verb === 'play' ? [status('409', 'retry-later')] : []),
      ],
    })),
    errorCodes: [],
    source: { kind: 'openapi', uri: 'file:///project/openapi/player.yaml' },
  };
  const service = getLanguageService({ contracts: createContractIndex([player]) });
  let version = 0;
  const statuses = (text: string) =>
    service
      .doValidation(
        TextDocument.create('file:///project/main.ts', 'typescript', ++version, text),
        codeTestSettings(),
      )
      .map((each) => `${each.code}:${(each.data as { status?: number }).status ?? '-'}`);
  const call = (segment: string, signature: string) =>
    `export async function step(${signature}) {\n  const res = await fetch(\`https://player.example.com/v1/me/player/\${${segment}}\`, { method: 'POST' });\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;

  it('a parameter typed as a union of literals: held to what every operation documents', () => {
    assert.deepEqual(statuses(call('direction', "direction: 'next' | 'previous'")), [
      'unhandled-status:429',
    ]);
  });

  it('a constant ternary: the statuses both operations document, not the 409 only play has', () => {
    const text = call('action', 'paused: boolean').replace(
      '  const res',
      "  const action = paused ? 'play' : 'pause';\n  const res",
    );
    assert.deepEqual(statuses(text), ['unhandled-status:429']);
    // Play alone documents 409: a call that is only play is told about it.
    assert.deepEqual(statuses(call('action', "action: 'play'")), [
      'unhandled-status:429',
      'unhandled-status:409',
    ]);
  });

  it('a parameter this file only ever passes literals: held to what their operations document', () => {
    const step = call('direction', 'direction: string').replace(
      'export async function',
      'async function',
    );
    const callers = `export const next = () => step('next');\nexport const previous = () => step('previous');\n`;
    assert.deepEqual(statuses(step + callers), ['unhandled-status:429']);
    // Passed a value the file does not show, or exported for others to call: unknown again.
    assert.deepEqual(statuses(`${step}export const any = (to: string) => step(to);\n`), []);
    assert.deepEqual(statuses(`export ${step}${callers}`), []);
  });

  it('a parameter of any string is no choice: the call stays at the API', () => {
    assert.deepEqual(statuses(call('direction', 'direction: string')), []);
  });
});

describe('retrying follows the method: a 5xx on a POST without an Idempotency-Key is not retried', () => {
  const orders: ApiContract = {
    id: 'orders',
    name: 'Orders',
    match: { hosts: ['orders.example.com'], pathPrefixes: [], problemTypePrefixes: [] },
    payloadFormats: ['unknown'],
    statuses: [],
    operations: ['POST', 'PUT'].map((method) => ({
      method,
      path: '/orders',
      statuses: [
        {
          key: '429',
          title: 'Too Many Requests',
          meaning: 'Slow down.',
          action: 'back-off-and-retry',
        },
        {
          key: '503',
          title: 'Service Unavailable',
          meaning: 'The service is down for maintenance.',
          action: 'back-off-and-retry',
          retryAfter: true,
        },
      ],
    })),
    errorCodes: [],
    source: { kind: 'openapi', uri: 'file:///project/openapi/orders.yaml' },
  };
  const service = getLanguageService({ contracts: createContractIndex([orders]) });
  let version = 0;
  const diagnostics = (
    method: string,
    headers = '',
    handling = 'if (!res.ok) throw new Error(String(res.status));',
  ) =>
    service.doValidation(
      TextDocument.create(
        'file:///project/main.ts',
        'typescript',
        ++version,
        `export async function place(order: unknown) {\n  const res = await fetch('https://orders.example.com/orders', { method: '${method}', ${headers}body: JSON.stringify(order) });\n  ${handling}\n}\n`,
      ),
      codeTestSettings(),
    );
  const statuses = (list: ReturnType<typeof diagnostics>) =>
    list.map((each) => (each.data as { status: number }).status);

  it('a generic failure branch handles the 503 of a POST; the 429 still asks for a retry', () => {
    assert.deepEqual(statuses(diagnostics('POST')), [429]);
    // The same call made idempotent by its method or by a key: the 503 is one to retry.
    assert.deepEqual(statuses(diagnostics('PUT')), [429, 503]);
    assert.deepEqual(
      statuses(diagnostics('POST', "headers: { 'Idempotency-Key': crypto.randomUUID() }, ")),
      [429, 503],
    );
  });

  it('unhandled, the 503 of a POST is told as a failure, never as something to retry', () => {
    const [found, ...others] = diagnostics(
      'POST',
      '',
      "if (res.status === 429) throw new Error('slow down');\n  return res.json();",
    );
    assert.equal(others.length, 0);
    assert.equal((found!.data as { status: number }).status, 503);
    assert.doesNotMatch(String(found!.message), /retry/i);
    assert.match(String(found!.message), /POST without an `Idempotency-Key`/);
    assert.equal(found!.severity, 3);
  });
});

describe('a poll sends the request again on its next tick', () => {
  const request = `    const res = await fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' });\n    if (!res.ok) throw new Error(String(res.status));\n`;
  const reported = ['unhandled-status:409:2', 'unhandled-status:500:2'];

  it('a setInterval callback whose failure is caught there retries what it treats as a failure', () => {
    const interval = `export function watch(id: string) {\n  setInterval(async () => {\n    try {\n${request.replace(/^ {4}/gm, '      ')}    } catch (error) {\n      console.error(error);\n    }\n  }, 5000);\n}\n`;
    assert.deepEqual(check(interval), []);
    // Uncaught, the rejection ends the poll (or the process): nothing is sent again.
    const uncaught = `export function watch(id: string) {\n  setInterval(async () => {\n${request}  }, 5000);\n}\n`;
    assert.deepEqual(check(uncaught), ['unhandled-status:409:2', 'unhandled-status:500:2']);
  });

  it('a function rescheduling itself with setTimeout in finally, or in the catch', () => {
    const inFinally = `export async function poll(id: string) {\n  try {\n${request}  } finally {\n    setTimeout(() => poll(id), 5000);\n  }\n}\n`;
    assert.deepEqual(check(inFinally), []);
    const inCatch = `export async function poll(id: string): Promise<void> {\n  try {\n${request}  } catch {\n    setTimeout(() => void poll(id), 5000);\n  }\n}\n`;
    assert.deepEqual(check(inCatch), []);
  });

  it('rescheduled only on success, a failure ends the poll', () => {
    const onSuccess = `export async function poll(id: string) {\n  try {\n${request}    setTimeout(() => poll(id), 5000);\n  } catch (error) {\n    console.error(error);\n  }\n}\n`;
    assert.deepEqual(check(onSuccess), reported);
  });
});

describe('Promise.race and Promise.any', () => {
  const timeout = `const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));\n`;

  it('a call raced against a timeout is held to its contract where the race is awaited', () => {
    const main = `${timeout}export async function remove(id: string) {\n  const res = await Promise.race([fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' }), timeout(5000)]);\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;
    assert.deepEqual(check(main), ['unhandled-status:409:2', 'unhandled-status:500:2']);
    const handled = main.replace(
      '  if (!res.ok)',
      "  if (res.status === 409 || res.status >= 500) return 'retry later';\n  if (!res.ok)",
    );
    assert.deepEqual(check(handled), []);
  });

  it("a race's rejection is the call's: an axios error tested in the catch", () => {
    const main = `import axios from 'axios';\n${timeout}export async function remove(id: string) {\n  try {\n    await Promise.race([axios.delete(\`${DAM}/image/\${id}\`), timeout(5000)]);\n  } catch (error) {\n    if (axios.isAxiosError(error) && error.response?.status === 409) return 'later';\n    throw error;\n  }\n}\n`;
    assert.deepEqual(check(main), ['unhandled-status:500:4']);
  });

  it('Promise.any fulfils with one of the responses', () => {
    const main = `export async function first(id: string) {\n  const res = await Promise.any([fetch(\`${DAM}/image/\${id}\`, { method: 'DELETE' })]);\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;
    assert.deepEqual(check(main), ['unhandled-status:409:1', 'unhandled-status:500:1']);
  });
});

describe('a URL that ends in a space', () => {
  const inventory: ApiContract = {
    id: 'inventory',
    name: 'Inventory',
    match: { hosts: ['inventory.example.com'], pathPrefixes: ['/v2'], problemTypePrefixes: [] },
    payloadFormats: ['unknown'],
    statuses: [],
    operations: [
      {
        method: 'PUT',
        path: '/items/{sku}/reservation',
        statuses: [
          {
            key: '429',
            title: 'Too Many Requests',
            meaning: 'Slow down.',
            action: 'back-off-and-retry',
          },
        ],
      },
    ],
    errorCodes: [],
    source: { kind: 'openapi', uri: 'file:///project/openapi/inventory.yaml' },
  };
  const service = getLanguageService({ contracts: createContractIndex([inventory]) });

  const check = (name: string, text: string) =>
    service
      .doValidation(
        TextDocument.create(`file:///project/${name}.ts`, 'typescript', 1, text),
        codeTestSettings(),
      )
      .map(
        (each) =>
          `${each.code}:${(each.data as { status?: number }).status}:${each.range.start.line}`,
      );

  it('is the operation without it, as the URL parser drops it', () => {
    const text = `export async function reserve(sku: string) {\n  const res = await fetch(\`https://inventory.example.com/v2/items/\${sku}/reservation \`, { method: 'PUT' });\n  if (!res.ok) throw new Error(String(res.status));\n}\n`;
    assert.deepEqual(check('direct', text), ['unhandled-status:429:1']);
  });

  it('when the space ends the path a wrapper is given', () => {
    const text = `async function request(endpoint: string, method: string) {\n  const res = await fetch(\`https://inventory.example.com/v2/\${endpoint}\`, { method });\n  if (!res.ok) throw new Error(String(res.status));\n  return res.json();\n}\nexport async function reserve(sku: string) {\n  await request(\`items/\${sku}/reservation \`, 'PUT');\n}\n`;
    assert.deepEqual(check('wrapped', text), ['unhandled-status:429:6']);
  });
});

describe('the project index', () => {
  it('keeps the module every file imports while more than it can hold of the others are read', () => {
    const files: Record<string, string> = { 'http.ts': `export const BASE = '${DAM}';` };
    for (let i = 0; i < 2100; i++) files[`feature${i}.ts`] = `export const id${i} = '${i}';`;
    const modules = createProjectModules(projectOf(files));
    const from = 'file:///project/main.ts';
    const http = modules.getModule(from, './http');
    assert.ok(http?.values.has('BASE'));
    for (let i = 0; i < 2100; i++) {
      assert.ok(modules.getModule(from, `./feature${i}`)?.values.has(`id${i}`));
      modules.getModule(from, './http');
    }
    assert.equal(modules.getModule(from, './http'), http, 'summarised once, not again');
  });

  it("lists what a module exports that its importers read, and each name's leading parts", () => {
    const modules = createProjectModules(
      projectOf({
        'api.ts': [
          `export const BASE = '${DAM}';`,
          'export const api = {',
          "  images: { remove: (id: string) => fetch(`${BASE}/image/${id}`, { method: 'DELETE' }) },",
          '};',
          'export class Dam {',
          '  remove(id: string) {',
          "    return fetch(`${BASE}/image/${id}`, { method: 'DELETE' });",
          '  }',
          '}',
          'export function imageUrl(id: string) {',
          '  return `${BASE}/image/${id}`;',
          '}',
          'type Id = string;',
          'export type { Id };',
        ].join('\n'),
      }),
    );
    const entry = modules.getIndex('file:///project/main.ts', './api');
    assert.deepEqual([...(entry?.names ?? [])].sort(), [
      'BASE',
      'Dam',
      'Dam.prototype',
      'Dam.prototype.remove',
      'api',
      'api.images',
      'api.images.remove',
      'imageUrl',
    ]);
    assert.equal(modules.getModule('file:///project/main.ts', './api', 'Id'), undefined);
    assert.ok(
      modules
        .getModule('file:///project/main.ts', './api', 'api')
        ?.functions.has('api.images.remove'),
    );
  });
});

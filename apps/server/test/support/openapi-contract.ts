import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { expect } from 'vitest';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

// ajv-formats is CommonJS: under Node's ESM loader its function is the `default` of the default import.
const addFormats = (formats as unknown as { default?: typeof formats }).default ?? formats;

const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks HTTP answers against the OpenAPI document the server publishes, as a third-party client
 * generated from it would: the operation is found by its path template, the answer's status must be
 * documented, and a JSON body must match the schema documented for that status.
 */
export function openApiContract(document: unknown, restBase: string) {
  const doc = document as Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document as object, 'openapi.json');
  const templates = Object.keys(doc.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
  }));
  let checked = 0;

  /** The documented path template a request path falls under, if any. */
  const templateOf = (path: string) => templates.find((t) => t.pattern.test(path))?.template;

  return {
    get checked() {
      return checked;
    },
    templateOf,
    /**
     * Fails the test when the answer breaks the document. A documented operation's answer must have
     * a documented status and match its schema; any other error answer (exports, feeds, unknown
     * paths) must carry the document's `Error` body.
     */
    async check(url: string, res: Response, method = 'get') {
      const { pathname } = new URL(url);
      const path = pathname.startsWith(restBase) ? pathname.slice(restBase.length) || '/' : undefined;
      const template = path === undefined ? undefined : templateOf(path);
      if (res.status === 304 || method === 'head') return;
      let ref: string;
      if (template && res.status !== 405) {
        const responses = doc.paths[template]?.[method]?.responses ?? {};
        expect(Object.keys(responses), `${res.status} for ${pathname} is documented`).toContain(String(res.status));
        ref = `openapi.json#/paths/${pointer(template)}/${method}/responses/${res.status}/content/application~1json/schema`;
      } else if (res.status >= 400) {
        ref = 'openapi.json#/components/schemas/Error';
      } else {
        return;
      }
      const body: unknown = await res.clone().json();
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      const valid = validate(body);
      expect(valid ? [] : validate.errors, `${res.status} ${pathname} matches the document`).toEqual([]);
      checked++;
    },
  };
}

import { errorBodySchema, httpStatusOf } from '@tracker/domain';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { z } from 'zod';
import { REST_BASE } from './rest';
import { appRouter } from './root';

const tags = [
  { name: 'Catalogue', description: 'The frameworks and their recommendations, the States and sites they concern, and the catalogue texts in every interface language.' },
  { name: 'Evidence', description: 'Verified public evidence: what States did, with its source, grades and files.' },
  { name: 'Scorecards', description: 'Approved assessments and the scores computed from them, as of any date, with what changed between two dates.' },
  { name: 'Follow-up', description: 'What States say of their own progress (replies) and what they promised by when (commitments), each accepted by a second person before it is published.' },
  { name: 'Integrity', description: 'The newest hash of the tamper-evident ledger, to pin and compare later.' },
];

/** The one error body (packages/domain/src/errors.ts), as the document's `Error` schema. */
function errorSchema() {
  const { $schema: _schema, ...schema } = z.toJSONSchema(errorBodySchema, { io: 'output' }) as Record<string, unknown>;
  return schema;
}

const errorResponses: Record<string, string> = {
  [httpStatusOf.BAD_REQUEST]: 'The query is not valid; the message and `issues` name each parameter at fault.',
  [httpStatusOf.NOT_FOUND]: 'Nothing has that identifier.',
  [httpStatusOf.SERVICE_UNAVAILABLE]: 'The database cannot be reached for a moment; retry after the number of seconds in `Retry-After`.',
  [httpStatusOf.INTERNAL_SERVER_ERROR]: 'Something went wrong on the server; it has been logged.',
};

type Operation = { responses: Record<string, unknown>; security?: unknown[] };

/**
 * The OpenAPI 3.1 document of the REST API, generated from the public procedures' meta, input and
 * output schemas, then told the truth about what the server does outside them: every error answer
 * has the one error body, and no operation needs credentials. `origin` is the public address of the
 * server (no trailing slash).
 */
export function openApiDocument(origin: string): OpenAPIObject {
  const document = generateOpenApiDocument(appRouter, {
    title: 'Scam-centre recommendations tracker — public API',
    description:
      'Read-only access to everything public in the tracker: the catalogue of recommendations, States and sites, verified public ' +
      'evidence, approved assessments and scorecards as of any date. No key is needed and no session is read: every answer is ' +
      'the public projection. Answers carry an ETag; send it back in If-None-Match to get 304 when nothing changed. ' +
      `Bulk CSV and JSON downloads are under ${REST_BASE}/export/ (see ${REST_BASE}/export/dictionary.json).`,
    version: '1.0.0',
    baseUrl: `${origin}${REST_BASE}`,
    docsUrl: `${origin}/data/api`,
    tags: tags.map((t) => t.name),
    securitySchemes: {},
  });
  document.info.license = { name: 'AGPL-3.0-or-later (the software); data as each source licenses it', identifier: 'AGPL-3.0-or-later' };
  document.tags = tags;
  // The adapter's own error schemas describe tRPC's body, which the REST API never sends.
  const schemas = Object.fromEntries(Object.entries(document.components?.schemas ?? {}).filter(([name]) => !name.startsWith('error.')));
  document.components = { ...document.components, schemas: { ...schemas, Error: errorSchema() } };
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      operation.security = [];
      for (const [status, description] of Object.entries(errorResponses)) {
        operation.responses[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      }
    }
  }
  return document;
}

import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { REST_BASE } from './rest';
import { appRouter } from './root';

/**
 * The OpenAPI 3.1 document of the REST API, generated from the public procedures' meta, input and
 * output schemas. `origin` is the public address of the server (no trailing slash).
 */
export function openApiDocument(origin: string): OpenAPIObject {
  return generateOpenApiDocument(appRouter, {
    title: 'Scam-centre recommendations tracker — public API',
    description:
      'Read-only access to everything public in the tracker: the catalogue of recommendations, States and sites, verified public ' +
      'evidence, approved assessments and scorecards as of any date. No key is needed and no session is read: every answer is ' +
      'the public projection. Answers carry an ETag; send it back in If-None-Match to get 304 when nothing changed. ' +
      `Bulk CSV and JSON downloads are under ${REST_BASE}/export/ (see ${REST_BASE}/export/dictionary.json).`,
    version: '1.0.0',
    baseUrl: `${origin}${REST_BASE}`,
    docsUrl: `${origin}/data/api`,
    tags: ['Catalogue', 'Evidence', 'Scorecards', 'Integrity'],
    securitySchemes: {},
  });
}

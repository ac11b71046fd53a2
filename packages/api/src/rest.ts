import type { OpenApiMeta } from 'trpc-to-openapi';

/** Where the REST API lives; procedure paths below are relative to it. */
export const REST_BASE = '/api/v1';

/**
 * Publishes a public query as `GET {REST_BASE}{path}` in the REST API and its OpenAPI document.
 * Only public read procedures carry this; the REST adapter never sees a session.
 */
export function restGet(path: `/${string}`, tag: string, summary: string, description?: string): OpenApiMeta {
  return {
    openapi: {
      method: 'GET',
      path,
      tags: [tag],
      summary,
      ...(description ? { description } : {}),
      protect: false,
      errorResponses: { 400: 'The query is not valid; the message names the parameter.', 404: 'Nothing has that identifier.' },
    },
  };
}

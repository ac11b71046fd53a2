import { createConfig, lintFromString } from '@redocly/openapi-core';
import { openApiDocument } from '@tracker/api';
import { describe, expect, it } from 'vitest';

describe('the OpenAPI document', () => {
  const document = openApiDocument('https://tracker.example.org');

  it('passes redocly lint with the recommended rules', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`)).toEqual([]);
  });

  it('has a licence, described tags, and needs no credentials anywhere', () => {
    expect(document.info.license?.identifier).toBe('AGPL-3.0-or-later');
    expect(document.tags?.every((tag) => (tag.description ?? '').length > 20)).toBe(true);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      expect(item.get?.security, path).toEqual([]);
      for (const status of ['400', '404', '500', '503']) {
        expect(item.get?.responses?.[status], `${path} ${status}`).toEqual(expect.objectContaining({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }));
      }
    }
  });
});

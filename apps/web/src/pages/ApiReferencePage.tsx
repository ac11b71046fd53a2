import { useQuery } from '@tanstack/react-query';
import type React from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { TableWrap } from '../components/TableWrap';

/** The parts of an OpenAPI 3.1 document this page reads. */
interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  description?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}
interface Parameter {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  responses: Record<string, { description?: string; content?: { 'application/json'?: { schema?: Schema } } }>;
}
interface OpenApiDocument {
  info: { title: string; description?: string; version: string };
  servers: { url: string }[];
  tags?: { name: string }[];
  paths: Record<string, { get?: Operation }>;
}

const DOCUMENT = '/api/v1/openapi.json';

/**
 * The document's descriptions in the interface languages, keyed by their English text (one file a
 * language, loaded with this page only); a test keeps them in step with the document.
 */
const descriptions = import.meta.glob<Record<string, string>>('../api-texts/*.json', { import: 'default' });

/** A description in the reader's language, or in English (marked as such) when it has none yet. */
type Describe = (english: string | undefined) => React.ReactNode;

function describer(texts: Record<string, string> | null): Describe {
  return (english) => {
    if (!english) return null;
    const text = texts?.[english];
    return text ?? (texts ? <span lang="en">{english}</span> : english);
  };
}

/** The words a type label needs besides JSON Schema's own type names. */
interface TypeWords {
  arrayOf: (items: string) => string;
  chars: (max: number) => string;
}

/** A short type label such as `string (date)`, `integer ≤ 100`, `a | b` or `array of object`. */
function typeOf(schema: Schema | undefined, words: TypeWords): string {
  if (!schema) return '';
  if (schema.anyOf) {
    const label = schema.anyOf.map((s) => typeOf(s, words)).filter((t) => t !== 'null').join(' | ');
    return label + (schema.anyOf.some((s) => s.type === 'null') ? ' | null' : '');
  }
  if (schema.enum) return `${schema.enum.map(String).join(' | ')}`;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const main = types.filter((t) => t !== 'null');
  let label = main.join(' | ') || 'any';
  if (main.includes('array')) label = words.arrayOf(typeOf(schema.items, words));
  if (schema.format) label += ` (${schema.format})`;
  if (schema.maximum !== undefined) label += ` ≤ ${schema.maximum}`;
  if (schema.maxLength !== undefined) label += `, ${words.chars(schema.maxLength)}`;
  return types.includes('null') ? `${label} | null` : label;
}

/** The fields of a response: an object's properties, or those of an array's items. */
function fieldsOf(schema: Schema | undefined): [string, Schema][] {
  const target = schema?.type === 'array' ? schema.items : schema?.anyOf?.find((s) => s.type !== 'null') ?? schema;
  return Object.entries(target?.properties ?? {});
}

function sampleUrl(base: string, path: string, parameters: Parameter[] = []): string {
  const samples: Record<string, string> = { iso3: 'KHM', key: 'A.1', id: '{id}', since: '2025-01-01' };
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => samples[name] ?? name);
  const required = parameters.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${samples[p.name] ?? '…'}`);
  return `${base}${filled}${required.length ? `?${required.join('&')}` : ''}`;
}

function OperationCard({ path, op, base, describe }: { path: string; op: Operation; base: string; describe: Describe }) {
  const { t } = useTranslation();
  const words: TypeWords = { arrayOf: (items) => t('apiReference.arrayOf', { items }), chars: (max) => t('apiReference.chars', { max }) };
  const response = op.responses['200']?.content?.['application/json']?.schema;
  const fields = fieldsOf(response);
  const id = `op-${op.operationId}`;
  return (
    <section className="card api-operation" aria-labelledby={id}>
      <h3 id={id}>
        <span className="api-method">GET</span> <code>{path}</code>
      </h3>
      {op.summary && <p className="api-summary">{describe(op.summary)}</p>}
      {op.description && <p>{describe(op.description)}</p>}
      {op.parameters && op.parameters.length > 0 && (
        <TableWrap role="region" aria-label={t('apiReference.parametersOf', { path })}>
          <table>
            <caption className="visually-hidden">{t('apiReference.parametersOf', { path })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('apiReference.parameter')}</th>
                <th scope="col">{t('apiReference.where')}</th>
                <th scope="col">{t('apiReference.type')}</th>
                <th scope="col">{t('apiReference.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td>
                    <code>{p.name}</code>
                  </td>
                  <td>{p.in === 'path' ? t('apiReference.inPath') : t('apiReference.inQuery')}</td>
                  <td>
                    <code>{typeOf(p.schema, words)}</code>
                  </td>
                  <td>
                    {p.required ? t('apiReference.required') : null}
                    {p.required && (p.description ?? p.schema?.description) ? ' · ' : null}
                    {describe(p.description ?? p.schema?.description)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {fields.length > 0 && (
        <details>
          <summary>{response?.type === 'array' ? t('apiReference.returnsList', { count: fields.length }) : t('apiReference.returns', { count: fields.length })}</summary>
          <dl className="dictionary">
            {fields.map(([name, schema]) => (
              <div key={name}>
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>
                  <code>{typeOf(schema, words)}</code>
                  {schema.description ? <> — {describe(schema.description)}</> : null}
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <p className="api-example">
        <span className="muted">{t('apiReference.example')}</span> <code>curl {sampleUrl(base, path, op.parameters)}</code>
      </p>
    </section>
  );
}

/** A readable reference of the REST API, drawn from its OpenAPI document so it never disagrees with it. */
export function ApiReferencePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const doc = useQuery({
    queryKey: ['openapi-document', language],
    queryFn: async () => {
      const load = descriptions[`../api-texts/${language}.json`];
      const [res, texts] = await Promise.all([fetch(DOCUMENT), load ? load() : null]);
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      return { document: (await res.json()) as OpenApiDocument, describe: describer(language === 'en' ? null : (texts ?? {})) };
    },
    staleTime: Infinity,
  });
  return (
    <>
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to="/data">{t('openData.title')}</Link>
          </p>
          <h1>{t('apiReference.title')}</h1>
          <p className="lead">{t('apiReference.intro')}</p>
          <p>
            <a className="button secondary small" href={DOCUMENT}>
              {t('apiReference.document')}
            </a>
          </p>
        </div>
      </div>
      <Loadable query={doc} skeleton={<SkeletonRows rows={8} />} isEmpty={({ document }) => Object.keys(document.paths).length === 0} empty={t('apiReference.empty')}>
        {({ document: d, describe }) => {
          const base = d.servers[0]?.url ?? '/api/v1';
          const operations = Object.entries(d.paths).flatMap(([path, item]) => (item.get ? [{ path, op: item.get }] : []));
          const tags = d.tags?.map((tag) => tag.name) ?? [...new Set(operations.flatMap((o) => o.op.tags ?? []))];
          return (
            <>
              <p>
                {t('apiReference.base')} <code>{base}</code> · {t('apiReference.version', { version: d.info.version })}
              </p>
              {d.info.description && <p className="muted">{describe(d.info.description)}</p>}
              <nav aria-label={t('apiReference.contents')}>
                <ul className="tags">
                  {tags.map((tag) => (
                    <li key={tag}>
                      <a href={`#tag-${tag}`}>{describe(tag)}</a>
                    </li>
                  ))}
                </ul>
              </nav>
              {tags.map((tag) => (
                <section key={tag} aria-labelledby={`tag-${tag}`}>
                  <h2 id={`tag-${tag}`}>{describe(tag)}</h2>
                  <div className="api-operations">
                    {operations
                      .filter((o) => o.op.tags?.includes(tag))
                      .map((o) => (
                        <OperationCard key={o.path} path={o.path} op={o.op} base={base} describe={describe} />
                      ))}
                  </div>
                </section>
              ))}
            </>
          );
        }}
      </Loadable>
    </>
  );
}

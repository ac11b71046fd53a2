import { useQuery } from '@tanstack/react-query';
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

/** A short type label such as `string (date)`, `integer ≤ 100`, `one of: a, b` or `array of object`. */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return '';
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== 'null').join(' | ') + (schema.anyOf.some((s) => s.type === 'null') ? ' | null' : '');
  if (schema.enum) return `${schema.enum.map(String).join(' | ')}`;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const main = types.filter((t) => t !== 'null');
  let label = main.join(' | ') || 'any';
  if (main.includes('array')) label = `array of ${typeOf(schema.items)}`;
  if (schema.format) label += ` (${schema.format})`;
  if (schema.maximum !== undefined) label += ` ≤ ${schema.maximum}`;
  if (schema.maxLength !== undefined) label += `, ≤ ${schema.maxLength} chars`;
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

function OperationCard({ path, op, base }: { path: string; op: Operation; base: string }) {
  const { t } = useTranslation();
  const response = op.responses['200']?.content?.['application/json']?.schema;
  const fields = fieldsOf(response);
  const id = `op-${op.operationId}`;
  return (
    <section className="card api-operation" aria-labelledby={id}>
      <h3 id={id}>
        <span className="api-method">GET</span> <code>{path}</code>
      </h3>
      {op.summary && <p className="api-summary">{op.summary}</p>}
      {op.description && <p>{op.description}</p>}
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
                    <code>{typeOf(p.schema)}</code>
                  </td>
                  <td>{[p.required ? t('apiReference.required') : null, p.description ?? p.schema?.description].filter(Boolean).join(' · ')}</td>
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
                  <code>{typeOf(schema)}</code>
                  {schema.description ? ` — ${schema.description}` : ''}
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
  const { t } = useTranslation();
  const doc = useQuery({
    queryKey: ['openapi-document'],
    queryFn: async () => {
      const res = await fetch(DOCUMENT);
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      return (await res.json()) as OpenApiDocument;
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
      <Loadable query={doc} skeleton={<SkeletonRows rows={8} />} isEmpty={(d) => Object.keys(d.paths).length === 0} empty={t('apiReference.empty')}>
        {(d) => {
          const base = d.servers[0]?.url ?? '/api/v1';
          const operations = Object.entries(d.paths).flatMap(([path, item]) => (item.get ? [{ path, op: item.get }] : []));
          const tags = d.tags?.map((tag) => tag.name) ?? [...new Set(operations.flatMap((o) => o.op.tags ?? []))];
          return (
            <>
              <p>
                {t('apiReference.base')} <code>{base}</code> · {t('apiReference.version', { version: d.info.version })}
              </p>
              {d.info.description && <p className="muted">{d.info.description}</p>}
              <nav aria-label={t('apiReference.contents')}>
                <ul className="tags">
                  {tags.map((tag) => (
                    <li key={tag}>
                      <a href={`#tag-${tag}`}>{tag}</a>
                    </li>
                  ))}
                </ul>
              </nav>
              {tags.map((tag) => (
                <section key={tag} aria-labelledby={`tag-${tag}`}>
                  <h2 id={`tag-${tag}`}>{tag}</h2>
                  <div className="api-operations">
                    {operations
                      .filter((o) => o.op.tags?.includes(tag))
                      .map((o) => (
                        <OperationCard key={o.path} path={o.path} op={o.op} base={base} />
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

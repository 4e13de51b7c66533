import type { JsonSchema } from './json-schema';
import type { OpenApiDocument, Operation } from './document';

const escape = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** `#/components/schemas/Client` → the component it names, for display. */
function resolve(doc: OpenApiDocument, value: unknown): JsonSchema {
  const target = (value as { $ref?: string })?.$ref;
  if (!target) return value as JsonSchema;
  const [, , kind, name] = target.split('/');
  return (doc.components[kind as string]?.[name as string] ?? {}) as JsonSchema;
}

const refName = (value: unknown): string | undefined => (value as { $ref?: string })?.$ref?.split('/').pop();

function schemaLink(schema: unknown): string {
  const name = refName(schema);
  return name ? `<a href="#schema-${escape(name)}">${escape(name)}</a>` : `<code>${escape(JSON.stringify(schema))}</code>`;
}

function parametersTable(doc: OpenApiDocument, operation: Operation): string {
  const params = (operation.parameters ?? []).map((p) => resolve(doc, p));
  if (params.length === 0) return '';
  const rows = params
    .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`)
    .join('');
  return `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function responsesList(doc: OpenApiDocument, operation: Operation): string {
  const items = Object.entries(operation.responses).map(([status, value]) => {
    const response = resolve(doc, value) as { description?: string; content?: Record<string, { schema?: unknown }> };
    const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
    const body = media?.schema && refName(media.schema) ? ` — <code>${escape(type)}</code> ${schemaLink(media.schema)}` : '';
    return `<li><strong>${escape(status)}</strong> ${escape(response.description ?? '')}${body}</li>`;
  });
  return `<ul class="responses">${items.join('')}</ul>`;
}

function operationSection(doc: OpenApiDocument, path: string, method: string, operation: Operation): string {
  const body = (operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.['application/json']?.schema;
  const auth = operation.security?.length === 0 ? 'public' : String(operation['x-homi-permission'] ?? 'bearer token');
  return `<section class="op" id="${escape(operation.operationId)}">
<h3><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<p>${escape(operation.summary)} <span class="auth">${escape(auth)}</span></p>
${parametersTable(doc, operation)}
${body ? `<p>Request body: <code>application/json</code> ${schemaLink(body)}</p>` : ''}
${responsesList(doc, operation)}
</section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f7;padding:.75rem;overflow:auto;border-radius:6px}
.op{border-top:1px solid #ddd;padding:.5rem 0}.method{display:inline-block;min-width:4.5rem;font-weight:700}
.get{color:#0a7f3f}.post{color:#0b5cad}.patch{color:#a05a00}.delete{color:#b3261e}
.auth{font-size:12px;background:#eef;padding:0 .4rem;border-radius:4px}table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}`;

/** `x-problem-types` by their short names (the full URIs would read as links to elsewhere). */
function problemTypesTable(doc: OpenApiDocument): string {
  const types = (doc['x-problem-types'] ?? []) as { type: string; status: number; description: string }[];
  const rows = types
    .map((p) => `<tr><td><code>${escape(p.type.split('/').pop())}</code></td><td>${escape(p.status)}</td><td>${escape(p.description)}</td></tr>`)
    .join('');
  return `<table><thead><tr><th>type</th><th>status</th><th>meaning</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The document as one self-contained page: no scripts, no external resources. */
export function renderDocsPage(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => operationSection(doc, path, method, operation)),
  );
  const schemas = Object.entries(doc.components.schemas ?? {}).map(
    ([name, schema]) => `<section id="schema-${escape(name)}"><h3>${escape(name)}</h3><pre>${escape(JSON.stringify(schema, null, 2))}</pre></section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} ${escape(doc.info.version)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description)} Base path <code>${escape(doc.servers[0]?.url ?? '/')}</code>.
Machine-readable: <a href="openapi.json">openapi.json</a>.</p>
<h2>Operations</h2>${operations.join('\n')}
<h2>Problem types</h2><p>Error answers name one of these as the last segment of <code>type</code>.</p>${problemTypesTable(doc)}
<h2>Schemas</h2>${schemas.join('\n')}
</body></html>`;
}

/** No script may run and nothing may load from elsewhere; inline styles only. */
export const DOCS_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * A self-contained HTML API reference rendered from the OpenAPI document: every operation with its
 * parameters, request fields and responses, and every schema. No script, font or stylesheet is fetched.
 */
export function renderDocsPage(document: Json): string {
  const info = asRecord(document['info']);
  const paths = asRecord(document['paths']);
  const schemas = asRecord(asRecord(document['components'])['schemas']);
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = asRecord(asRecord(item)[method]);
      return Object.keys(operation).length === 0 ? [] : [{ path, method, operation }];
    }),
  );
  const tags = [
    ...new Set(operations.map(({ operation }) => String(asArray(operation['tags'])[0] ?? 'Other'))),
  ];

  const nav = tags
    .map(
      (tag) =>
        `<h3>${escapeHtml(tag)}</h3><ul>${operations
          .filter(({ operation }) => (asArray(operation['tags'])[0] ?? 'Other') === tag)
          .map(
            ({ path, method, operation }) =>
              `<li><a href="#${anchor(operation, method, path)}"><span class="m ${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a></li>`,
          )
          .join('')}</ul>`,
    )
    .join('');
  const body = operations
    .map(({ path, method, operation }) => renderOperation(path, method, operation, schemas))
    .join('');
  const schemaSections = Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${renderFields(asRecord(schema), schemas)}</section>`,
    )
    .join('');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(String(info['title'] ?? 'API'))} — API reference</title>
<style>${STYLE}</style></head>
<body><nav><h2>${escapeHtml(String(info['title'] ?? 'API'))}</h2><p class="v">v${escapeHtml(String(info['version'] ?? ''))} · <a href="/openapi.json">openapi.json</a></p>${nav}<h3>Schemas</h3><ul>${Object.keys(
    schemas,
  )
    .map((name) => `<li><a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a></li>`)
    .join('')}</ul></nav>
<main><h1>${escapeHtml(String(info['title'] ?? 'API'))}</h1><p>${inline(String(info['description'] ?? ''))}</p>${body}<h2>Schemas</h2>${schemaSections}</main></body></html>
`;
}

function renderOperation(path: string, method: string, operation: Json, schemas: Json): string {
  const parameters = asArray(operation['parameters']).map(asRecord);
  const requestBody = asRecord(operation['requestBody']);
  const content = asRecord(requestBody['content']);
  const responses = asRecord(operation['responses']);
  const parts = [
    `<section id="${anchor(operation, method, path)}"><h2><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>`,
    `<p class="s">${escapeHtml(String(operation['summary'] ?? ''))}</p>`,
    operation['description'] ? `<p>${inline(String(operation['description']))}</p>` : '',
  ];
  if (parameters.length > 0) {
    parts.push(
      `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th><th>description</th></tr>${parameters
        .map(
          (parameter) =>
            `<tr><td><code>${escapeHtml(String(parameter['name']))}</code>${parameter['required'] ? ' <em>required</em>' : ''}</td><td>${escapeHtml(String(parameter['in']))}</td><td>${escapeHtml(typeOf(asRecord(parameter['schema']), schemas))}</td><td>${inline(String(parameter['description'] ?? ''))}</td></tr>`,
        )
        .join('')}</table>`,
    );
  }
  for (const [mediaType, media] of Object.entries(content)) {
    const schema = resolve(asRecord(asRecord(media)['schema']), schemas);
    parts.push(`<h4>Request body <code>${escapeHtml(mediaType)}</code></h4>${renderFields(schema, schemas)}`);
  }
  parts.push(
    `<h4>Responses</h4><table>${Object.entries(responses)
      .map(([status, response]) => {
        const media = Object.entries(asRecord(asRecord(response)['content']));
        const types = media
          .map(
            ([type, value]) =>
              `<code>${escapeHtml(type)}</code> ${escapeHtml(typeOf(asRecord(asRecord(value)['schema']), schemas))}`,
          )
          .join(', ');
        return `<tr><td><b>${escapeHtml(status)}</b></td><td>${inline(String(asRecord(response)['description'] ?? ''))}</td><td>${types}</td></tr>`;
      })
      .join('')}</table></section>`,
  );
  return parts.join('');
}

function renderFields(schema: Json, schemas: Json): string {
  const properties = asRecord(schema['properties']);
  if (Object.keys(properties).length === 0) return `<p>${escapeHtml(typeOf(schema, schemas))}</p>`;
  const required = new Set(asArray(schema['required']).map(String));
  return `<table><tr><th>field</th><th>type</th><th>description</th></tr>${Object.entries(properties)
    .map(([name, property]) => {
      const record = asRecord(property);
      return `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? ' <em>required</em>' : ''}</td><td>${escapeHtml(typeOf(record, schemas))}</td><td>${inline(String(record['description'] ?? ''))}</td></tr>`;
    })
    .join('')}</table>`;
}

/** A short human type: `string (1280x720 pattern)`, `number | string`, `Video[]`. */
function typeOf(schema: Json, schemas: Json, depth = 0): string {
  if (depth > 4) return '…';
  const reference = schema['$ref'];
  if (typeof reference === 'string') return reference.split('/').pop() ?? reference;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = asArray(schema[key]);
    if (branches.length > 0)
      return [...new Set(branches.map((branch) => typeOf(asRecord(branch), schemas, depth + 1)))].join(' | ');
  }
  if ('const' in schema) return JSON.stringify(schema['const']);
  const enumValues = asArray(schema['enum']);
  if (enumValues.length > 0) return enumValues.map((value) => JSON.stringify(value)).join(' | ');
  const type = schema['type'];
  if (Array.isArray(type)) return type.join(' | ');
  if (type === 'array') return `${typeOf(asRecord(schema['items']), schemas, depth + 1)}[]`;
  if (type === 'string' && schema['format'] === 'binary') return 'file';
  if (type === 'string' && typeof schema['pattern'] === 'string')
    return `string matching ${schema['pattern']}`;
  return typeof type === 'string' ? type : 'any';
}

function resolve(schema: Json, schemas: Json): Json {
  const reference = schema['$ref'];
  return typeof reference === 'string' ? asRecord(schemas[reference.split('/').pop() ?? '']) : schema;
}

function anchor(operation: Json, method: string, path: string): string {
  return escapeHtml(String(operation['operationId'] ?? `${method}-${path}`));
}

/** Escapes, then renders `code` spans: the only markup descriptions use. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2330;display:flex}
nav{position:sticky;top:0;height:100vh;overflow:auto;width:290px;flex:none;padding:16px;background:#f5f6f8;border-right:1px solid #e2e4e8}
nav ul{list-style:none;padding:0;margin:0 0 12px}nav li{margin:2px 0;font-size:13px}nav a{color:#1d2330;text-decoration:none}nav h3{font-size:12px;text-transform:uppercase;color:#6b7280;margin:16px 0 6px}
main{padding:24px 40px;max-width:1050px;min-width:0}section{border-top:1px solid #e2e4e8;padding:12px 0 20px}h2{font-size:20px}h4{margin:14px 0 6px}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #e2e4e8;padding:5px 8px;text-align:left;vertical-align:top}th{background:#f5f6f8}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f0f1f4;padding:1px 4px;border-radius:3px;word-break:break-word}em{color:#b42318;font-style:normal;font-size:11px}
.m{display:inline-block;min-width:52px;text-align:center;color:#fff;border-radius:4px;font:bold 11px/18px ui-monospace,monospace;padding:0 4px}
.get{background:#2563eb}.post{background:#16a34a}.delete{background:#dc2626}.put,.patch{background:#d97706}.s{font-weight:600}.v{color:#6b7280;font-size:13px}
`;

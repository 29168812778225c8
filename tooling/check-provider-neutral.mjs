#!/usr/bin/env node
// Fails when the gateway or the engine names a provider in code: every provider arrives as a plugin, so their
// code must work unchanged whichever plugins are installed. Tests and comments may name providers.
//
// What counts as a provider name: each plugin's id (`fal`), package name and the environment variables it
// declares, read from packages/provider-*/. `openai` is also the name of the API dialect the gateway speaks
// (OpenAI-compatible, `toOpenAIError`), so for it only the lower-case id as a word counts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const scanned = ['apps/gateway/src', 'packages/engine/src'];
const dialectIds = new Set(['openai']);

const plugins = readdirSync(join(root, 'packages'))
  .filter((name) => name.startsWith('provider-') && name !== 'provider-utils')
  .map((name) => {
    const dir = join(root, 'packages', name);
    const { name: packageName } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const sources = filesUnder(join(dir, 'src')).map((file) => readFileSync(file, 'utf8'));
    const descriptor = sources.find((text) => /export const plugin\b/.test(text)) ?? '';
    const id = /\bid: '([a-z0-9-]+)'/.exec(descriptor)?.[1] ?? name.slice('provider-'.length);
    const envNames = [...descriptor.matchAll(/\bname: '([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1]);
    return { id, packageName, envNames };
  });

const patterns = plugins.flatMap(({ id, packageName, envNames }) => [
  { what: `provider id '${id}'`, regex: new RegExp(`\\b${id}\\b`, dialectIds.has(id) ? 'g' : 'gi') },
  { what: `package ${packageName}`, regex: new RegExp(escapeRegExp(packageName), 'g') },
  ...envNames.map((name) => ({ what: `${id}'s variable ${name}`, regex: new RegExp(`\\b${name}\\b`, 'g') })),
]);

const findings = [];
for (const dir of scanned) {
  for (const file of filesUnder(join(root, dir))) {
    if (!/\.(ts|tsx|mts|js|mjs)$/.test(file) || /\.test(-d)?\.tsx?$/.test(file)) continue;
    if (/[/\\](test-support|__fixtures__)[/\\]/.test(file)) continue;
    const lines = withoutComments(readFileSync(file, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      for (const { what, regex } of patterns) {
        regex.lastIndex = 0;
        if (regex.test(line))
          findings.push(`${relative(root, file)}:${index + 1}: names ${what}: ${line.trim()}`);
      }
    });
  }
}

if (findings.length > 0) {
  console.error(
    `Provider names in gateway or engine code (a provider's knowledge belongs in its plugin; read it from the plugin descriptor instead):\n${findings.join('\n')}`,
  );
  process.exit(1);
}
console.log(`provider-neutral: ${scanned.join(', ')} name none of ${plugins.map((p) => p.id).join(', ')}`);

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? (name === 'node_modules' ? [] : filesUnder(path)) : [path];
  });
}

/** Blanks comments but keeps line numbers; `//` right after `:` is a URL, not a comment. */
function withoutComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

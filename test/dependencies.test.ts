import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['apps/server', 'apps/web', 'packages/api', 'packages/db', 'packages/domain'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : filesUnder(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The package a bare import specifier names: `@scope/name` or `name`. */
const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|import\s+'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  return found.filter((s) => s && !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s) && !s.startsWith('virtual:'));
}

/**
 * Every package declares what it imports: its source from its dependencies, its tests and tooling
 * also from its devDependencies and the repository's own.
 */
describe('each workspace package', () => {
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  for (const workspace of workspaces) {
    it(`${workspace} declares every package it imports`, () => {
      const manifest = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
      const tooling = new Set([...runtime, ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(rootPackage.devDependencies ?? {})]);
      const missing: string[] = [];
      for (const file of filesUnder(join(root, workspace))) {
        const isSource = file.includes('/src/') && !file.includes('/src/testing/');
        for (const specifier of importsOf(file)) {
          const name = packageOf(specifier);
          if (name === manifest.name) continue;
          // Types only (`import type`) may come from a devDependency.
          const allowed = isSource ? runtime : tooling;
          const typeOnly = new RegExp(`import type [^;]*'${specifier}'`).test(readFileSync(file, 'utf8'));
          const declaredForTypes = typeOnly && (tooling.has(name) || tooling.has(`@types/${name}`));
          if (!allowed.has(name) && !(isSource && declaredForTypes) && !(!isSource && tooling.has(`@types/${name}`))) {
            missing.push(`${file.replace(root, '')}: ${specifier}`);
          }
        }
      }
      expect(missing).toEqual([]);
    });
  }
});

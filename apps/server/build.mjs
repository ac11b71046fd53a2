// Compiles the server and the command line, with the workspace packages they use, into
// dist/main.js and dist/cli.js, so that `npm start` and `npm run tracker` run JavaScript and no
// compiler at run time. Third-party packages stay in node_modules (they carry their own files,
// such as PGlite's WebAssembly).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const workspaces = ['apps/server', 'packages/api', 'packages/db', 'packages/domain'];
/** @type {Set<string>} */
const external = new Set();
for (const workspace of workspaces) {
  /** @type {unknown} */
  const manifest = JSON.parse(readFileSync(new URL(`../../${workspace}/package.json`, import.meta.url), 'utf8'));
  const dependencies = /** @type {{ dependencies?: Record<string, string> }} */ (manifest).dependencies ?? {};
  for (const name of Object.keys(dependencies)) if (!name.startsWith('@tracker/')) external.add(name);
}

/** @param {string} path */
const here = (path) => new URL(path, import.meta.url).pathname;

await build({
  entryPoints: { main: here('src/main.ts'), cli: here('src/cli.ts') },
  outdir: here('dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external].flatMap((name) => [name, `${name}/*`]),
  logLevel: 'warning',
});

// Builds the web UI into web/dist: index.html, favicon.svg and assets/app-<hash>.js and .css
// (content-hashed, so dulyd serves them as immutable). No network, no CDN: everything the page
// loads comes from dist/. Usage: node build.mjs [--out DIR]
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(here, 'dist');

await rm(out, { recursive: true, force: true });
await mkdir(path.join(out, 'assets'), { recursive: true });
const result = await build({
  entryPoints: [path.join(here, 'src/main.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: path.join(out, 'assets'),
  entryNames: 'app-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((file) => '/' +
    path.relative(out, path.resolve(file)).split(path.sep).join('/'));
const js = outputs.find((file) => file.endsWith('.js'));
const css = outputs.find((file) => file.endsWith('.css'));
if (!js || !css) throw new Error(`build: expected one .js and one .css output, got ${outputs}`);
const template = await readFile(path.join(here, 'src/index.html'), 'utf8');
await writeFile(path.join(out, 'index.html'),
    template.replace('{{js}}', js).replace('{{css}}', css));
await copyFile(path.join(here, 'src/favicon.svg'), path.join(out, 'favicon.svg'));
console.log(`web: built ${path.relative(process.cwd(), out) || '.'}: ${js} ${css}`);

#!/usr/bin/env node
// Fails when a package imports a workspace package outside its allowed set, or imports one it does not
// declare in package.json. Dependencies point one way:
//   core <- optimizers, pretrained, evaluators, corpora <- runner -> reports (-> core)
// kernels (the shared SIMD GEMM) depends on nothing; evaluators and transformer use it.
// and nothing imports sideways. Test files may also import @embedlab/testing. The loaders and corpora load
// no tfjs (TFJS_FREE below). Tracked files carry no machine's absolute paths (MACHINE_PATH below).
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, statSync} from 'node:fs';
import {join, relative, resolve, dirname} from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
export const ALLOWED = {
  core: [],
  kernels: [],
  testing: [],
  pretrained: ['core'],
  evaluators: ['core', 'kernels'],
  corpora: ['core'],
  optimizers: ['core'],
  reports: ['core'],
  transformer: ['core', 'optimizers', 'kernels'],
  subword: ['core', 'pretrained'],
  multimodal: ['core', 'optimizers', 'pretrained'],
  runner: ['core', 'pretrained', 'evaluators', 'corpora', 'optimizers', 'reports', 'transformer', 'subword'],
};

function* tsFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(p).isDirectory()) yield* tsFiles(p);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) yield p;
  }
}

// Extra packages a package's tests (never its src) may import: evaluators' tests score real vectors that
// pretrained loads; pretrained does not depend on evaluators, so this makes no cycle.
export const TEST_ALLOWED = {evaluators: ['pretrained']};

// Packages whose sources must not load TensorFlow.js (it costs ~0.3 s of start-up): from core they import
// only '@embedlab/core/data', whose files (followed through relative imports) never import @tensorflow.
export const TFJS_FREE = ['pretrained', 'corpora', 'subword'];

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s*['"]([^'"]+)['"]/g;
const problems = [];
const packages = readdirSync(join(ROOT, 'packages')).filter((n) => statSync(join(ROOT, 'packages', n)).isDirectory());
for (const pkg of packages) {
  const allowed = ALLOWED[pkg];
  if (!allowed) {
    problems.push(`packages/${pkg}: not in the dependency table of scripts/check-deps.mjs; add it with its allowed deps`);
    continue;
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', pkg, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
  for (const [area, extra] of [
    ['src', []],
    ['test', ['testing', ...(TEST_ALLOWED[pkg] ?? [])]],
  ]) {
    for (const file of tsFiles(join(ROOT, 'packages', pkg, area))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3];
        const where = relative(ROOT, file);
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          if (!target.startsWith(join(ROOT, 'packages', pkg) + '/'))
            problems.push(`${where}: relative import ${spec} leaves the package; import the package by name`);
          continue;
        }
        const ws = /^@embedlab\/([^/]+)/.exec(spec);
        if (!ws) continue;
        const dep = ws[1];
        if (dep === pkg) {
          problems.push(`${where}: imports its own package by name (${spec}); use a relative import`);
          continue;
        }
        if (!allowed.includes(dep) && !extra.includes(dep))
          problems.push(`${where}: ${pkg} may not import @embedlab/${dep} (allowed: ${[...allowed, ...extra].join(', ') || 'none'})`);
        else if (!declared.has(`@embedlab/${dep}`)) problems.push(`${where}: imports @embedlab/${dep} but packages/${pkg}/package.json does not declare it`);
      }
    }
  }
}
// The tfjs-free entry of core, followed through its relative imports.
const seen = new Set();
const queue = [join(ROOT, 'packages/core/src/data.ts')];
while (queue.length) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('@tensorflow/'))
      problems.push(`${relative(ROOT, file)}: imports ${spec}, but packages/core/src/data.ts (@embedlab/core/data) must stay free of tfjs`);
    if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
  }
}
for (const pkg of TFJS_FREE) {
  for (const file of tsFiles(join(ROOT, 'packages', pkg, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec === '@embedlab/core' || spec.startsWith('@tensorflow/'))
        problems.push(`${relative(ROOT, file)}: imports ${spec}; ${pkg} must not load tfjs (import '@embedlab/core/data')`);
    }
  }
}

// One machine's absolute paths (a checkout under /work, root's or a user's home folder) never appear in a
// tracked file: comments, READMEs, bench defaults and committed run records point inside the repository, at
// ../shared beside it, at $EMBEDLAB_DATA_DIR/... or $EMBEDLAB_CACHE_DIR/..., or at a public reference.
// A path counts only where it starts, not inside a URL whose path happens to begin with the same folder name.
export const MACHINE_PATH = /(?<![\w.~-])(?:\/work\/|\/root\/|\/home\/[^\s/'"`]+\/|\/Users\/[^\s/'"`]+\/|[A-Za-z]:\\Users\\)/;
const SKIP_PATHS = new Set(['pnpm-lock.yaml']);
let tracked = [];
try {
  tracked = execFileSync('git', ['ls-files', '-z'], {cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28})
    .split('\0')
    .filter(Boolean);
} catch {
  console.warn('check-deps: not a git checkout; the machine-path check is skipped');
}
let scanned = 0;
for (const file of tracked) {
  if (SKIP_PATHS.has(file) || !existsSync(join(ROOT, file)) || statSync(join(ROOT, file)).isDirectory()) continue;
  const bytes = readFileSync(join(ROOT, file));
  if (bytes.subarray(0, 8000).includes(0)) continue; // binary
  scanned++;
  const lines = bytes.toString('utf8').split('\n');
  lines.forEach((line, i) => {
    const m = MACHINE_PATH.exec(line);
    if (!m) return;
    const shown = line
      .slice(m.index)
      .split(/[\s'"`),;]/)[0]
      .slice(0, 80);
    problems.push(
      `${file}:${i + 1}: ${shown} is one machine's absolute path; write it relative to the repository (or ../shared, $EMBEDLAB_DATA_DIR/..., $EMBEDLAB_CACHE_DIR/...)`,
    );
  });
}

if (problems.length) {
  console.error(`check-deps: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-deps: ${packages.length} packages, dependencies point one way; ${TFJS_FREE.join(', ')} and @embedlab/core/data (${seen.size} files) load no tfjs; ${scanned} tracked text files name no machine's absolute path`,
);

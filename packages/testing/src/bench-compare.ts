/**
 * The one method every bench that compares embedlab with a reference tool follows (issue 19; benches import
 * it as bench/lib/compare.ts):
 *
 *   - the sides run interleaved, A B A B ... (a side with fewer runs drops out of the later rounds), so a
 *     change in machine load hits every side alike; at least 3 runs each (fewer prints a warning);
 *   - each side's median and range (min-max) of wall seconds, plus CPU seconds when a run reports them
 *     (CPU time moves much less than wall time on a shared machine);
 *   - the load average (os.loadavg) before and after, and a warning when the 1-minute load at the start is
 *     above 0.5: a busy machine flatters the side whose runs are long (it absorbs the contention that a
 *     one-second run mostly escapes);
 *   - for each required ratio "slower / faster >= k", the median ratio and the ratio's range from the two
 *     sides' ranges (worst = slower.min / faster.max, best = slower.max / faster.min); a warning when that
 *     range straddles k, i.e. the runs cannot tell whether the requirement is met;
 *   - a printed markdown table and one `compare-json {...}` line with everything (or a file, `jsonPath`).
 *
 * A side is an async function returning one run's seconds (and optional values such as checksums), or a
 * child command via `commandSide` that prints a JSON line with `seconds`.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import {renameSync, writeFileSync} from 'node:fs';
import {cpus, loadavg} from 'node:os';

/** One timed run of one side. */
export interface Sample {
  /** Wall seconds of the measured work only (not process start-up), as the side itself measured it. */
  seconds: number;
  /** User + system CPU seconds of the same work, when the side can tell (all its threads). */
  cpuSeconds?: number;
  /** Anything else the run reports (checksums, rows, peak RSS): kept in the JSON, not compared. */
  values?: Record<string, unknown>;
}

export interface Side {
  name: string;
  run: () => Sample | Promise<Sample>;
  /** Runs of this side; defaults to the comparison's `runs`. */
  runs?: number;
}

/** "`slower` takes at least `required` times as long as `faster`" (e.g. gensim vs embedlab, 13). */
export interface RatioRequirement {
  slower: string;
  faster: string;
  required?: number;
}

export interface CompareOptions {
  /** Runs per side (default 3). */
  runs?: number;
  ratios?: RatioRequirement[];
  /** 1-minute load average above which the start counts as busy (default 0.5). */
  quietLoad?: number;
  /** Where lines go (default console.log). */
  log?: (line: string) => void;
  /** Also write the JSON here (atomically: temp file + rename). */
  jsonPath?: string;
  /** Printed above the table (what is compared, the command). */
  title?: string;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
}

export interface SideResult {
  name: string;
  runs: Sample[];
  seconds: Summary;
  cpuSeconds?: Summary;
}

export interface RatioResult {
  slower: string;
  faster: string;
  required?: number;
  /** slower.median / faster.median */
  median: number;
  /** slower.min / faster.max: the least favourable pairing of the ranges. */
  worst: number;
  /** slower.max / faster.min */
  best: number;
  verdict: 'met' | 'not met' | 'undecided' | 'no requirement';
}

export interface CompareResult {
  title?: string;
  startedAt: string;
  machine: string;
  loadBefore: number[];
  loadAfter: number[];
  order: string[];
  sides: SideResult[];
  ratios: RatioResult[];
  warnings: string[];
}

/** Median; the mean of the two middle values for an even count. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no values');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function summarize(xs: readonly number[]): Summary {
  return {median: median(xs), min: Math.min(...xs), max: Math.max(...xs)};
}

/**
 * The run order: round r runs every side that still has runs left, in the given order (A B A B ...,
 * or A B C A B C ...). `runs[i]` is side i's count.
 */
export function interleavedOrder(runs: readonly number[]): number[] {
  const order: number[] = [];
  const rounds = Math.max(0, ...runs);
  for (let r = 0; r < rounds; r++) for (let i = 0; i < runs.length; i++) if (r < (runs[i] as number)) order.push(i);
  return order;
}

/** The overlap rule: the ratio's range from the two ranges, and whether it clears, misses or straddles `required`. */
export function ratioOf(slower: Summary, faster: Summary, required?: number): Omit<RatioResult, 'slower' | 'faster'> {
  const r = {
    median: slower.median / faster.median,
    worst: slower.min / faster.max,
    best: slower.max / faster.min,
  };
  if (required === undefined) return {...r, verdict: 'no requirement'};
  const verdict = r.worst >= required ? 'met' : r.best < required ? 'not met' : 'undecided';
  return {...r, required, verdict};
}

/** The warnings the method asks for (load at the start, too few runs, ratio ranges straddling a requirement). */
export function methodWarnings(loadBefore: readonly number[], sides: readonly SideResult[], ratios: readonly RatioResult[], quietLoad = 0.5): string[] {
  const w: string[] = [];
  const l1 = loadBefore[0] ?? 0;
  if (l1 > quietLoad) {
    w.push(
      `WARNING: 1-minute load average ${l1.toFixed(2)} at the start is above ${quietLoad}: the machine is busy; wall-time ratios are not quotable (a busy machine flatters the side with longer runs)`,
    );
  }
  for (const s of sides) {
    if (s.runs.length < 3) w.push(`WARNING: ${s.name} ran ${s.runs.length} time(s); the method asks for at least 3`);
  }
  for (const r of ratios) {
    if (r.verdict === 'undecided') {
      w.push(
        `WARNING: ${r.slower} / ${r.faster} ranges overlap the required ${r.required}x (ratio ${r.worst.toFixed(2)}-${r.best.toFixed(2)}x, median ${r.median.toFixed(2)}x): more runs or a quieter machine needed`,
      );
    }
  }
  return w;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(1) : x >= 1 ? x.toFixed(3) : x.toFixed(4));

/** The markdown table, ratio lines and warnings, as lines. */
export function formatComparison(r: CompareResult): string[] {
  const lines: string[] = [];
  if (r.title) lines.push(r.title);
  lines.push(`${r.startedAt}, ${r.machine}`);
  lines.push(`load average before ${r.loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${r.loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
  lines.push(`run order: ${r.order.join(' ')}`);
  lines.push('');
  lines.push('| side | runs (s) | median s | range s | median CPU s |');
  lines.push('|---|---|---|---|---|');
  for (const s of r.sides) {
    const cpu = s.cpuSeconds ? fmt(s.cpuSeconds.median) : '-';
    lines.push(
      `| ${s.name} | ${s.runs.map((x) => fmt(x.seconds)).join(' / ')} | ${fmt(s.seconds.median)} | ${fmt(s.seconds.min)}-${fmt(s.seconds.max)} | ${cpu} |`,
    );
  }
  for (const q of r.ratios) {
    const req = q.required === undefined ? '' : ` (required >= ${q.required}x: ${q.verdict})`;
    lines.push(`ratio ${q.slower} / ${q.faster}: median ${q.median.toFixed(2)}x, range ${q.worst.toFixed(2)}-${q.best.toFixed(2)}x${req}`);
  }
  lines.push(...r.warnings);
  return lines;
}

/** Runs the sides interleaved, prints the table and the JSON line, and returns the result. */
export async function compare(sides: readonly Side[], options: CompareOptions = {}): Promise<CompareResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const names = new Set(sides.map((s) => s.name));
  if (names.size !== sides.length) throw new Error(`compare: side names must be distinct (${sides.map((s) => s.name).join(', ')})`);
  for (const q of options.ratios ?? []) {
    for (const n of [q.slower, q.faster]) if (!names.has(n)) throw new Error(`compare: ratio names side "${n}", which is not one of ${[...names].join(', ')}`);
  }
  const counts = sides.map((s) => s.runs ?? options.runs ?? 3);
  for (const [i, c] of counts.entries()) {
    if (!Number.isInteger(c) || c < 1) throw new Error(`compare: side ${sides[i]?.name} needs a whole number of runs >= 1, got ${c}`);
  }
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  log(`load average at the start: ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
  const order = interleavedOrder(counts);
  const samples: Sample[][] = sides.map(() => []);
  for (const i of order) {
    const side = sides[i] as Side;
    const s = await side.run();
    if (!(Number.isFinite(s.seconds) && s.seconds >= 0)) throw new Error(`compare: side ${side.name} returned seconds = ${s.seconds}`);
    samples[i]?.push(s);
    log(`  ${side.name} run ${samples[i]?.length}: ${fmt(s.seconds)} s${s.cpuSeconds === undefined ? '' : `, CPU ${fmt(s.cpuSeconds)} s`}`);
  }
  const loadAfter = loadavg();
  const results: SideResult[] = sides.map((side, i) => {
    const runs = samples[i] as Sample[];
    const cpu = runs.every((s) => s.cpuSeconds !== undefined) ? summarize(runs.map((s) => s.cpuSeconds as number)) : undefined;
    return {name: side.name, runs, seconds: summarize(runs.map((s) => s.seconds)), ...(cpu ? {cpuSeconds: cpu} : {})};
  });
  const byName = new Map(results.map((r) => [r.name, r]));
  const ratios = (options.ratios ?? []).map((q) => ({
    slower: q.slower,
    faster: q.faster,
    ...ratioOf((byName.get(q.slower) as SideResult).seconds, (byName.get(q.faster) as SideResult).seconds, q.required),
  }));
  const result: CompareResult = {
    ...(options.title ? {title: options.title} : {}),
    startedAt,
    machine: `${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.version}, GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES ?? '(unset)'}`,
    loadBefore,
    loadAfter,
    order: order.map((i) => (sides[i] as Side).name),
    sides: results,
    ratios,
    warnings: methodWarnings(loadBefore, results, ratios, options.quietLoad),
  };
  for (const line of formatComparison(result)) log(line);
  const json = JSON.stringify(result);
  log(`compare-json ${json}`);
  if (options.jsonPath) {
    const tmp = `${options.jsonPath}.tmp-${process.pid}`;
    writeFileSync(tmp, json + '\n');
    renameSync(tmp, options.jsonPath);
  }
  return result;
}

/**
 * A side that runs a child command per run and reads its last stdout line as JSON: `seconds` (required),
 * `cpuSeconds` (optional), everything else into `values`. A fresh process per run keeps peak RSS and JIT
 * state per run. The command is started by the launcher process (see `launcher`), not by this one.
 */
export function commandSide(name: string, command: string, args: readonly string[], extra: {runs?: number; env?: NodeJS.ProcessEnv} = {}): Side {
  launcher(); // started now, before the comparison's first run, so that run is not the one to pay for the fork
  return {
    name,
    ...(extra.runs === undefined ? {} : {runs: extra.runs}),
    run: async () => {
      const out = await launch(command, args, extra.env ?? process.env).catch((e: Error) => {
        throw new Error(`compare: side ${name} (${command} ${args.join(' ')}) ${e.message}`);
      });
      const line = out.trim().split('\n').pop() ?? '';
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`compare: side ${name} (${command} ${args.join(' ')}) did not end with a JSON line; last line: ${line.slice(0, 200)}`);
      }
      const {seconds, cpuSeconds, ...values} = parsed;
      if (typeof seconds !== 'number') throw new Error(`compare: side ${name}'s JSON has no numeric "seconds": ${line.slice(0, 200)}`);
      return {seconds, ...(typeof cpuSeconds === 'number' ? {cpuSeconds} : {}), values};
    },
  };
}

// The launcher: a small Node process, started once, that runs each command and sends back its output.
// Why not spawn from here: fork() makes every page of the forking process copy-on-write, so an in-process
// side that runs after a command pays one page fault per page it writes again. Measured here: a warm 0.3 s
// analogy evaluation took 5-10k extra faults and up to +0.15 s after each spawn of `/bin/true`.
const LAUNCHER = `
const {execFile} = require('node:child_process');
process.on('message', (m) => {
  execFile(m.command, m.args, {encoding: 'utf8', maxBuffer: 64 << 20, env: m.env}, (err, stdout, stderr) => {
    const error = !err ? null : err.signal ? 'was killed by ' + err.signal : typeof err.code === 'number' ? 'exited with code ' + err.code : 'could not start: ' + err.message;
    process.send({id: m.id, stdout, stderr, error});
  });
});
process.on('disconnect', () => process.exit(0));
`;

interface LaunchReply {
  id: number;
  stdout: string;
  stderr: string;
  error: string | null;
}

let launcherProcess: ChildProcess | undefined;
const pending = new Map<number, {resolve: (stdout: string) => void; reject: (e: Error) => void}>();
let nextId = 0;

/** The launcher process (started on first use). It does not keep this process alive while idle. */
function launcher(): ChildProcess {
  if (launcherProcess?.connected) return launcherProcess;
  const child = spawn(process.execPath, ['-e', LAUNCHER], {stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
  child.on('message', (m: LaunchReply) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (pending.size === 0) child.channel?.unref();
    if (!p) return;
    if (m.error) p.reject(new Error(`${m.error}${m.stderr ? `; the end of its stderr:\n${m.stderr.slice(-2000)}` : ''}`));
    else p.resolve(m.stdout);
  });
  child.on('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`compare: the command launcher exited (${signal ?? code})`));
    pending.clear();
    if (launcherProcess === child) launcherProcess = undefined;
  });
  child.unref();
  child.channel?.unref();
  launcherProcess = child;
  return child;
}

/** Runs `command` through the launcher; resolves with its stdout, rejects with how it failed and its stderr's tail. */
function launch(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = launcher();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    pending.set(id, {resolve, reject});
    child.channel?.ref();
    child.send({id, command, args, env});
  });
}

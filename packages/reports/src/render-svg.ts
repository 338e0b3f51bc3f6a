/**
 * Node-side rendering: Vega-Lite spec -> Vega spec -> headless View -> SVG string. No canvas is needed;
 * text widths are estimated (see shared/notes/toolchain.md section 5), which keeps output identical across
 * machines. Randomness and SVG def ids are reset before each render so the same spec gives the same bytes.
 */
import * as vega from 'vega';
import {compile, type TopLevelSpec} from 'vega-lite';

/** vega re-exports these from vega-statistics, but vega-typings 2.3 does not declare them. */
const vegaRandom = vega as unknown as {setRandom(random: () => number): void; randomLCG(seed: number): () => number};

/** A logger that keeps warnings instead of printing them. */
function collectingLogger(sink: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      sink.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      if (level >= vega.Warn) sink.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger as unknown as vega.LoggerInterface;
}

export interface CompiledSpec {
  /** The Vega spec Vega-Lite produced. */
  vega: vega.Spec;
  /** Warnings Vega-Lite logged while compiling (an empty list for a clean spec). */
  warnings: string[];
}

/** Compiles a Vega-Lite spec, collecting (not printing) its warnings. Throws on an invalid spec. */
export function compileSpec(spec: TopLevelSpec): CompiledSpec {
  const warnings: string[] = [];
  const result = compile(spec, {logger: collectingLogger(warnings)});
  return {vega: result.spec, warnings};
}

export interface RenderOptions {
  /** Seed for Vega's random source (only jitter-like transforms use it). __Default:__ 1. */
  seed?: number;
  /** Called with each Vega-Lite or Vega warning. __Default:__ warnings are dropped. */
  onWarning?: (message: string) => void;
}

/** Renders a Vega-Lite spec to an SVG string in Node. Deterministic: same spec, same bytes. */
export async function renderSvg(spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  // Vega tags each data object with a symbol-keyed tuple id; render a copy so the caller's spec stays as it was.
  const {vega: vg, warnings} = compileSpec(structuredClone(spec));
  const runtimeWarnings: string[] = [];
  vegaRandom.setRandom(vegaRandom.randomLCG(options.seed ?? 1));
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(vg), {renderer: 'none', logger: collectingLogger(runtimeWarnings), logLevel: vega.Warn});
  try {
    const svg = await view.toSVG();
    for (const w of [...warnings, ...runtimeWarnings]) options.onWarning?.(w);
    return svg;
  } finally {
    view.finalize();
  }
}

/**
 * Progress output. On a TTY (and not in CI): cli-progress bars with rate and ETA. Otherwise: plain lines,
 * at most one per 10% step, so logs stay readable. `--quiet` silences both. Components only see the
 * `ProgressReporter` interface, so tests and libraries can pass callbacks instead.
 */
import cliProgress from 'cli-progress';

export interface ProgressTask {
  /** Set the absolute count done. */
  update(done: number): void;
  /** Add to the count done. */
  tick(n?: number): void;
  /** Finish (prints the final line / stops the bar). */
  done(): void;
}

export interface ProgressReporter {
  /** Start a task of `total` units (`total` 0 or unknown: a spinner-less plain line at the end). */
  start(label: string, total: number, unit?: string): ProgressTask;
}

/** A stream the CLI writes to (process.stderr, or a capture in tests). */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export const silentProgress: ProgressReporter = {
  start: () => ({update() {}, tick() {}, done() {}}),
};

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(0)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.round((s % 3600) / 60)).padStart(2, '0')}m`;
}

function formatRate(rate: number, unit: string): string {
  if (!Number.isFinite(rate)) return `? ${unit}/s`;
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)}M ${unit}/s`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)}k ${unit}/s`;
  if (rate > 0 && rate < 1) return `${(1 / rate).toFixed(1)} s per item of ${unit}`;
  return `${rate.toFixed(1)} ${unit}/s`;
}

/** Plain lines: `label: 40% (400/1000) 1.2k items/s, eta 3s`, then `label: done 1000 in 1s`. */
export function lineProgress(out: OutputStream, now: () => number = () => performance.now()): ProgressReporter {
  return {
    start(label, total, unit = 'items') {
      const t0 = now();
      let value = 0;
      let lastDecile = 0;
      let finished = false;
      const report = () => {
        if (total <= 0) return;
        const decile = Math.floor((value / total) * 10);
        if (decile <= lastDecile || decile >= 10) return;
        lastDecile = decile;
        const elapsed = (now() - t0) / 1000;
        const rate = value / Math.max(elapsed, 1e-9);
        out.write(`${label}: ${decile * 10}% (${value}/${total}) ${formatRate(rate, unit)}, eta ${formatSeconds((total - value) / rate)}\n`);
      };
      return {
        update(done) {
          value = done;
          report();
        },
        tick(n = 1) {
          value += n;
          report();
        },
        done() {
          if (finished) return;
          finished = true;
          const elapsed = (now() - t0) / 1000;
          const count = total > 0 ? Math.max(value, total) : value;
          out.write(`${label}: done ${count} ${unit} in ${formatSeconds(elapsed)}\n`);
        },
      };
    },
  };
}

/** cli-progress bars (one at a time) on a TTY stream. */
export function barProgress(out: OutputStream): ProgressReporter {
  return {
    start(label, total, unit = 'items') {
      const t0 = performance.now();
      const bar = new cliProgress.SingleBar(
        {
          stream: out as unknown as NodeJS.WritableStream,
          format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} | ETA {eta_formatted}`,
          etaBuffer: 50,
          hideCursor: null,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      const rate = (v: number) => formatRate(v / Math.max((performance.now() - t0) / 1000, 1e-9), unit);
      bar.start(Math.max(total, 1), 0, {rate: rate(0)});
      let value = 0;
      return {
        update(done) {
          value = done;
          bar.update(value, {rate: rate(value)});
        },
        tick(n = 1) {
          value += n;
          bar.update(value, {rate: rate(value)});
        },
        done() {
          bar.update(Math.max(value, total), {rate: rate(Math.max(value, total))});
          bar.stop();
        },
      };
    },
  };
}

/** Bars on a TTY outside CI, plain lines otherwise, nothing when quiet. */
export function chooseProgress(out: OutputStream, options: {quiet?: boolean; ci?: boolean}): ProgressReporter {
  if (options.quiet) return silentProgress;
  if (out.isTTY && !options.ci) return barProgress(out);
  return lineProgress(out);
}

/**
 * Writes a report folder so that a failed run never overwrites a good report: every file is built in
 * memory first (report-content.ts), then written into a fresh temp folder beside `dir` (each file via
 * writeFileAtomic), and only then swapped in for the old folder, which is removed afterwards.
 *
 * `dir` belongs to the report: its whole content is replaced. To avoid deleting someone's files, an
 * existing non-empty `dir` must hold a report.json from an earlier report.
 */
import {randomBytes} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {ArgumentError, writeFileAtomic} from '@embedlab/core';
import {messages} from './messages.js';
import {buildReportFiles, REPORT_MANIFEST, type ReportBuildOptions, type ReportInput} from './report-content.js';

export interface WrittenReport {
  /** Absolute path of the report folder. */
  dir: string;
  /** File names written, in order. */
  files: string[];
}

/** A new empty folder beside `target`. Not mkdtemp: that makes it 0700, and the report should get the umask's mode. */
function siblingDir(target: string, tag: string): string {
  const path = join(dirname(target), `.${basename(target)}.${tag}-${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(path);
  return path;
}

function isReportDir(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, REPORT_MANIFEST), 'utf8')) as {format?: unknown};
    return manifest.format === 'embedlab-report';
  } catch {
    return false;
  }
}

/**
 * Renders `report` and writes it to `dir`: `index.html` (offline, interactive), `<id>.svg` and
 * `<id>.vl.json` per chart, `README.md` (GitHub view) and `report.json` (manifest). All or nothing.
 */
export async function writeReport(dir: string, report: ReportInput, options: ReportBuildOptions = {}): Promise<WrittenReport> {
  const target = resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory() || (readdirSync(target).length > 0 && !isReportDir(target))) {
      throw new ArgumentError(messages.notAReportDir(target));
    }
  }
  const files = await buildReportFiles(report, options);

  const parent = dirname(target);
  mkdirSync(parent, {recursive: true});
  // Same parent as the target, so the final renames stay on one file system.
  const staging = siblingDir(target, 'tmp');
  try {
    for (const [name, content] of files) writeFileAtomic(join(staging, name), content);
  } catch (error) {
    rmSync(staging, {recursive: true, force: true});
    throw error;
  }
  if (!existsSync(target)) {
    renameSync(staging, target);
  } else {
    const old = siblingDir(target, 'old');
    // Two renames: a non-empty folder cannot be replaced in one step. Between them `dir` is briefly absent.
    try {
      renameSync(target, join(old, 'report'));
    } catch (error) {
      rmSync(staging, {recursive: true, force: true});
      rmSync(old, {recursive: true, force: true}); // still empty
      throw error;
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      // Put the old report back; if even that fails it stays intact under `old` (and the error says so).
      renameSync(join(old, 'report'), target);
      rmSync(old, {recursive: true, force: true});
      rmSync(staging, {recursive: true, force: true});
      throw error;
    }
    rmSync(old, {recursive: true, force: true});
  }
  return {dir: target, files: [...files.keys()]};
}

/** Versions shown in the explorer page's provenance table. */
import {packageVersion, packageVersions} from '../meta.js';

export function versionsLine(): string {
  const versions: Record<string, string | null> = {...packageVersions(), 'umap-js': packageVersion('umap-js'), node: process.versions.node};
  return Object.entries(versions)
    .map(([name, v]) => `${name}@${v ?? '?'}`)
    .join(', ');
}

/**
 * The explorer's single HTML file: the data as JSON in a `<script type="application/json">` element and
 * the page script (explorer-client.js, plain JavaScript, no libraries) inlined, under a CSP that allows no
 * network request, so the file works offline and can be mailed around.
 */
import {readFileSync} from 'node:fs';
import {escapeHtml, inlineScriptCode, scriptSafeJson} from '@embedlab/reports/internal';
import type {ExplorerData} from './explorer-data.js';

let client: string | undefined;
function clientScript(): string {
  client ??= readFileSync(new URL('./explorer-client.js', import.meta.url), 'utf8');
  return client;
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1em 2em;color:#222;max-width:1400px}
h1{font-size:1.4em;margin:.2em 0}.note{color:#555;font-size:.9em}
.row{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start}
.panel{flex:1 1 420px;min-width:360px}
#search{width:16em;font-size:1em;padding:.2em}
#suggestions{list-style:none;margin:0;padding:0;position:absolute;background:#fff;border:1px solid #ccc;min-width:16em;z-index:2}
#suggestions:empty{display:none}#suggestions li{padding:.1em .4em;cursor:pointer}#suggestions li.active,#suggestions li:hover{background:#e8f0fb}
table{border-collapse:collapse;margin:.4em 0}td,th{padding:.1em .6em;border-bottom:1px solid #eee;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums;color:#555}td.changed{font-weight:bold;color:#b03000}
#map{border:1px solid #ccc;cursor:crosshair;width:100%;max-width:760px;aspect-ratio:1}
#tip{position:absolute;display:none;background:#222;color:#fff;padding:.1em .4em;border-radius:3px;font-size:12px;pointer-events:none}
#legend .key{margin-right:1em;white-space:nowrap}#legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em}
#analogy-form input{width:7em}
details{margin-top:1em}
`;

export function explorerHtml(data: ExplorerData): string {
  const n = data.words.length.toLocaleString('en-US');
  const arms = data.arms
    .map((a) => `${escapeHtml(a.name)} (${escapeHtml(a.source)}${a.missing.length ? `; ${a.missing.length} of the top words missing` : ''})`)
    .join('; ');
  const provenance = Object.entries(data.provenance)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<p class="note">Arms: ${arms}. The top ${n} words of the first arm (file order, i.e. frequency order for pretrained files), ${data.dim}-d, ${escapeHtml(data.settings.quantization)}.</p>
<div class="row">
<div class="panel">
<h2>Nearest neighbours</h2>
<label>Word <input id="search" autocomplete="off" placeholder="type a word, Enter" aria-autocomplete="list"></label>
<label>k <input id="k" type="number" min="1" max="100" value="10" style="width:4em"></label>
<ul id="suggestions" role="listbox"></ul>
<div id="neighbours"></div>
<h2>Analogy</h2>
<form id="analogy-form"><input id="an-a" placeholder="king"> &minus; <input id="an-b" placeholder="man"> + <input id="an-c" placeholder="woman"> <button type="submit">=</button></form>
<p class="note">${escapeHtml(data.settings.analogy)}.</p>
<div id="analogy-out"></div>
</div>
<div class="panel">
<h2>Map</h2>
<label>Arm <select id="map-arm"></select></label>
<label>Projection <select id="map-projection"><option value="umap">UMAP</option><option value="pca">PCA</option></select></label>
<label>Colour <select id="map-colour"><option value="buckets">frequency bucket</option><option value="groups">word lists</option></select></label>
<div><canvas id="map" width="760" height="760"></canvas></div>
<p class="note"><span id="map-caption"></span>. Hover: the word; wheel: zoom; drag: pan; double-click: reset; click: search the word.</p>
<div id="legend"></div>
</div>
</div>
<details><summary>Provenance</summary><table>${provenance}</table></details>
<div id="tip"></div>
<script type="application/json" id="explorer-data">${scriptSafeJson(data)}</script>
<script>${inlineScriptCode(clientScript())}</script>
</body>
</html>
`;
}

// The explorer page's script (plain browser JavaScript, inlined by explorer-page.ts; no libraries).
// Neighbour arithmetic copies @embedlab/core's WordVectors exactly (float32 norms and unit rows, float64
// query and dot products, ties to the lower row) so the page lists what nearest()/analogy() return on the
// same dequantised vectors; test/explore/explorer.browser.test.ts checks that.
(function () {
  'use strict';
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById('explorer-data').textContent);
  var N = D.words.length,
    dim = D.dim,
    words = D.words;
  var rowOf = new Map();
  for (var i = 0; i < N; i++) rowOf.set(words[i], i);

  function bytes(b64) {
    var bin = atob(b64),
      out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function floats(b64) {
    return new Float32Array(bytes(b64).buffer);
  }

  var arms = D.arms.map(function (a) {
    var q = new Int8Array(bytes(a.q).buffer),
      scales = floats(a.scales);
    var data = new Float32Array(N * dim),
      unit = new Float32Array(N * dim);
    for (var r = 0; r < N; r++) {
      var s = scales[r],
        o = r * dim,
        j;
      for (j = 0; j < dim; j++) data[o + j] = q[o + j] * s;
      var ss = 0;
      for (j = 0; j < dim; j++) ss += data[o + j] * data[o + j];
      var n = Math.fround(Math.sqrt(ss));
      if (n !== 0) for (j = 0; j < dim; j++) unit[o + j] = data[o + j] / n;
    }
    return {
      name: a.name,
      source: a.source,
      data: data,
      unit: unit,
      missing: new Set(a.missing),
      umap: a.umap ? floats(a.umap) : null,
      pca: floats(a.pca),
      pcaExplained: a.pcaExplained,
    };
  });

  function unitCopy(v) {
    var s = 0,
      i;
    for (i = 0; i < v.length; i++) s += v[i] * v[i];
    var n = Math.sqrt(s),
      out = new Float64Array(v.length);
    if (n > 0) for (i = 0; i < v.length; i++) out[i] = v[i] / n;
    return out;
  }
  function rowOfArm(arm, r) {
    return arm.data.subarray(r * dim, (r + 1) * dim);
  }
  function topK(arm, q, k, exclude) {
    var best = [],
      unit = arm.unit;
    for (var r = 0; r < N; r++) {
      if (exclude.has(r) || arm.missing.has(r)) continue;
      var s = 0;
      for (var j = 0, o = r * dim; j < dim; j++, o++) s += unit[o] * q[j];
      if (best.length < k || s > best[best.length - 1].score) {
        var pos = best.length;
        while (pos > 0 && best[pos - 1].score < s) pos--;
        best.splice(pos, 0, {word: words[r], index: r, score: s});
        if (best.length > k) best.pop();
      }
    }
    return best;
  }
  function known(arm, word) {
    var r = rowOf.get(word);
    return r !== undefined && !arm.missing.has(r) ? r : -1;
  }
  function nearest(armIndex, word, k) {
    var arm = arms[armIndex],
      r = known(arm, word);
    if (r < 0) return null;
    return topK(arm, unitCopy(rowOfArm(arm, r)), k, new Set([r]));
  }
  // a - b + c (3CosAdd): unit vectors, so king - man + woman -> queen.
  function analogy(armIndex, a, b, c, k) {
    var arm = arms[armIndex],
      rs = [a, b, c].map(function (w) {
        return known(arm, w);
      });
    if (
      rs.some(function (r) {
        return r < 0;
      })
    )
      return null;
    var ua = unitCopy(rowOfArm(arm, rs[0])),
      ub = unitCopy(rowOfArm(arm, rs[1])),
      uc = unitCopy(rowOfArm(arm, rs[2]));
    var q = new Float64Array(dim);
    for (var j = 0; j < dim; j++) q[j] = ua[j] - ub[j] + uc[j];
    return topK(arm, unitCopy(q), k, new Set(rs));
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var key in attrs || {}) e.setAttribute(key, attrs[key]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var $ = function (id) {
    return document.getElementById(id);
  };

  // ---- search with autocompletion (prefix matches in frequency order) ----
  var input = $('search'),
    suggest = $('suggestions'),
    kInput = $('k');
  var active = -1;
  function suggestions(prefix) {
    var out = [];
    if (!prefix) return out;
    for (var i = 0; i < N && out.length < 10; i++) if (words[i].lastIndexOf(prefix, 0) === 0) out.push(words[i]);
    return out;
  }
  function showSuggestions() {
    suggest.textContent = '';
    active = -1;
    suggestions(input.value.trim().toLowerCase()).forEach(function (w) {
      var li = el('li', {role: 'option'}, w);
      li.addEventListener('mousedown', function (ev) {
        ev.preventDefault();
        input.value = w;
        search(w);
      });
      suggest.appendChild(li);
    });
  }
  input.addEventListener('input', showSuggestions);
  input.addEventListener('keydown', function (ev) {
    var items = suggest.children;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (!items.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      for (var i = 0; i < items.length; i++) items[i].className = i === active ? 'active' : '';
      input.value = items[active].textContent;
    } else if (ev.key === 'Enter') {
      search(input.value.trim());
    } else if (ev.key === 'Escape') {
      suggest.textContent = '';
    }
  });
  kInput.addEventListener('change', function () {
    if (input.value.trim()) search(input.value.trim());
  });

  var highlighted = new Map(); // row -> 'query' | 'neighbour'
  function search(word) {
    suggest.textContent = '';
    var k = Math.max(1, Math.min(100, parseInt(kInput.value, 10) || 10));
    var out = $('neighbours');
    out.textContent = '';
    var lists = arms.map(function (_, i) {
      return nearest(i, word, k);
    });
    if (
      lists.every(function (l) {
        return l === null;
      })
    ) {
      var close = suggestions(word.slice(0, Math.max(1, word.length - 2)).toLowerCase()).slice(0, 5);
      out.appendChild(
        el('p', {class: 'note', id: 'not-found'}, '"' + word + '" is not among the top ' + N + ' words' + (close.length ? '; close: ' + close.join(', ') : '')),
      );
      return;
    }
    var firstSet = new Set(
      (lists[0] || []).map(function (n) {
        return n.word;
      }),
    );
    var others = new Set();
    lists.slice(1).forEach(function (l) {
      (l || []).forEach(function (n) {
        others.add(n.word);
      });
    });
    var table = el('table', {id: 'neighbour-table'});
    var head = el('tr');
    head.appendChild(el('th', {}, '#'));
    arms.forEach(function (a) {
      head.appendChild(el('th', {colspan: '2'}, a.name));
    });
    table.appendChild(head);
    for (var i = 0; i < k; i++) {
      var tr = el('tr');
      tr.appendChild(el('td', {class: 'num'}, String(i + 1)));
      lists.forEach(function (l, ai) {
        var n = l && l[i];
        var changed = n && arms.length > 1 && (ai === 0 ? !others.has(n.word) : !firstSet.has(n.word));
        var td = el('td', {class: 'word' + (changed ? ' changed' : ''), 'data-arm': String(ai)}, n ? n.word : l ? '' : '(not in this arm)');
        if (changed) td.title = ai === 0 ? 'not a neighbour in the other arms' : 'not a neighbour in ' + arms[0].name;
        tr.appendChild(td);
        tr.appendChild(el('td', {class: 'num'}, n ? n.score.toFixed(3) : ''));
      });
      table.appendChild(tr);
    }
    out.appendChild(
      el(
        'p',
        {class: 'note'},
        'Nearest ' +
          k +
          ' of the top ' +
          N +
          ' words to "' +
          word +
          '" by cosine' +
          (arms.length > 1 ? '; marked: not a neighbour in the first arm (or, in the first arm, in no other arm)' : ''),
      ),
    );
    out.appendChild(table);
    highlighted = new Map();
    (lists[mapArm()] || []).forEach(function (n) {
      highlighted.set(n.index, 'neighbour');
    });
    highlighted.set(rowOf.get(word), 'query');
    draw();
  }

  // ---- analogy box ----
  $('analogy-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var a = $('an-a').value.trim(),
      b = $('an-b').value.trim(),
      c = $('an-c').value.trim();
    var out = $('analogy-out');
    out.textContent = '';
    var table = el('table', {id: 'analogy-table'});
    var head = el('tr');
    arms.forEach(function (arm) {
      head.appendChild(el('th', {colspan: '2'}, arm.name));
    });
    table.appendChild(head);
    var lists = arms.map(function (_, i) {
      return analogy(i, a, b, c, 5);
    });
    for (var i = 0; i < 5; i++) {
      var tr = el('tr');
      lists.forEach(function (l) {
        var n = l && l[i];
        tr.appendChild(el('td', {class: 'word'}, n ? n.word : l || i ? '' : 'a word is not among the top ' + N));
        tr.appendChild(el('td', {class: 'num'}, n ? n.score.toFixed(3) : ''));
      });
      table.appendChild(tr);
    }
    out.appendChild(table);
  });

  // ---- map: a canvas, because 5k+ points with hover, zoom and pan stay smooth without a chart library ----
  var canvas = $('map'),
    ctx = canvas.getContext('2d'),
    tip = $('tip');
  var armSelect = $('map-arm'),
    projSelect = $('map-projection'),
    colourSelect = $('map-colour');
  arms.forEach(function (a, i) {
    armSelect.appendChild(el('option', {value: String(i)}, a.name));
  });
  if (!arms[0].umap) projSelect.querySelector('option[value=umap]').remove();
  if (!D.groups) colourSelect.querySelector('option[value=groups]').remove();
  function mapArm() {
    return parseInt(armSelect.value, 10) || 0;
  }
  var PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac', '#eeca3b'];
  var view = {scale: 1, x: 0, y: 0};
  var points = []; // screen-independent [x, y] in unit square
  function layout() {
    var arm = arms[mapArm()],
      xy = projSelect.value === 'umap' && arm.umap ? arm.umap : arm.pca;
    var m = D.mapRows.length,
      minX = Infinity,
      maxX = -Infinity,
      minY = Infinity,
      maxY = -Infinity,
      i;
    for (i = 0; i < m; i++) {
      minX = Math.min(minX, xy[2 * i]);
      maxX = Math.max(maxX, xy[2 * i]);
      minY = Math.min(minY, xy[2 * i + 1]);
      maxY = Math.max(maxY, xy[2 * i + 1]);
    }
    var span = Math.max(maxX - minX, maxY - minY) || 1;
    points = [];
    for (i = 0; i < m; i++) points.push([(xy[2 * i] - minX) / span, (xy[2 * i + 1] - minY) / span]);
    $('map-caption').textContent =
      projSelect.value === 'umap' && arm.umap
        ? 'UMAP (seed ' +
          D.settings.seed +
          ', ' +
          D.settings.umap.nNeighbors +
          ' neighbours, min distance ' +
          D.settings.umap.minDist +
          ') of ' +
          m +
          ' words, unit vectors'
        : 'PCA of ' + m + ' unit vectors: PC1 ' + (100 * arm.pcaExplained[0]).toFixed(1) + '%, PC2 ' + (100 * arm.pcaExplained[1]).toFixed(1) + '% of variance';
  }
  function colourOf(i) {
    if (colourSelect.value === 'groups') {
      var g = D.groups.ofPoint[i];
      return g < 0 ? null : PALETTE[g % PALETTE.length];
    }
    var r = D.mapRows[i];
    for (var b = 0; b < D.buckets.length; b++) if (r >= D.buckets[b].from && r < D.buckets[b].to) return PALETTE[b % PALETTE.length];
    return '#999';
  }
  function legend() {
    var box = $('legend');
    box.textContent = '';
    var items =
      colourSelect.value === 'groups'
        ? D.groups.names
        : D.buckets.map(function (b) {
            return b.label;
          });
    items.forEach(function (label, i) {
      var s = el('span', {class: 'key'});
      var sw = el('i');
      sw.style.background = PALETTE[i % PALETTE.length];
      s.appendChild(sw);
      s.appendChild(document.createTextNode(label));
      box.appendChild(s);
    });
  }
  function toScreen(p) {
    var size = Math.min(canvas.width, canvas.height) - 20;
    return [10 + (p[0] * size - view.x) * view.scale, 10 + (p[1] * size - view.y) * view.scale];
  }
  var drawn = 0;
  function draw() {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    drawn = 0;
    var grey = colourSelect.value === 'groups';
    for (var pass = 0; pass < 2; pass++) {
      for (var i = 0; i < points.length; i++) {
        var c = colourOf(i);
        if ((c === null) !== (pass === 0) || (!grey && pass === 0)) continue;
        var s = toScreen(points[i]);
        if (s[0] < -5 || s[1] < -5 || s[0] > canvas.width + 5 || s[1] > canvas.height + 5) continue;
        ctx.fillStyle = c || '#ddd';
        ctx.fillRect(s[0] - 1.5, s[1] - 1.5, 3, 3);
        drawn++;
      }
    }
    ctx.font = '12px sans-serif';
    for (var j = 0; j < points.length; j++) {
      var h = highlighted.get(D.mapRows[j]);
      var labelGroup = grey && D.groups.ofPoint[j] >= 0 && view.scale >= 2;
      if (!h && !labelGroup) continue;
      var p = toScreen(points[j]);
      ctx.fillStyle = h === 'query' ? '#d62728' : '#111';
      if (h) ctx.fillRect(p[0] - 3, p[1] - 3, 6, 6);
      ctx.fillText(words[D.mapRows[j]], p[0] + 5, p[1] - 4);
    }
    canvas.setAttribute('data-points-drawn', String(drawn));
  }
  function redraw() {
    layout();
    legend();
    draw();
  }
  [armSelect, projSelect, colourSelect].forEach(function (s) {
    s.addEventListener('change', redraw);
  });
  function pointAt(x, y) {
    var best = -1,
      bestD = 36;
    for (var i = 0; i < points.length; i++) {
      var s = toScreen(points[i]),
        d = (s[0] - x) * (s[0] - x) + (s[1] - y) * (s[1] - y);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }
  function local(ev) {
    var r = canvas.getBoundingClientRect();
    return [((ev.clientX - r.left) * canvas.width) / r.width, ((ev.clientY - r.top) * canvas.height) / r.height];
  }
  var drag = null;
  canvas.addEventListener('mousedown', function (ev) {
    drag = {at: local(ev), x: view.x, y: view.y, moved: false};
  });
  window.addEventListener('mouseup', function (ev) {
    if (drag && !drag.moved) {
      var i = pointAt.apply(null, local(ev));
      if (i >= 0) {
        input.value = words[D.mapRows[i]];
        search(input.value);
      }
    }
    drag = null;
  });
  canvas.addEventListener('mousemove', function (ev) {
    var at = local(ev);
    if (drag) {
      var dx = at[0] - drag.at[0],
        dy = at[1] - drag.at[1];
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      view.x = drag.x - dx / view.scale;
      view.y = drag.y - dy / view.scale;
      draw();
      return;
    }
    var i = pointAt(at[0], at[1]);
    if (i < 0) {
      tip.style.display = 'none';
      return;
    }
    var r = D.mapRows[i];
    tip.textContent = words[r] + ' (rank ' + (r + 1) + (D.groups && D.groups.ofPoint[i] >= 0 ? ', ' + D.groups.names[D.groups.ofPoint[i]] : '') + ')';
    tip.style.display = 'block';
    tip.style.left = ev.pageX + 12 + 'px';
    tip.style.top = ev.pageY + 12 + 'px';
  });
  canvas.addEventListener('mouseleave', function () {
    tip.style.display = 'none';
  });
  canvas.addEventListener(
    'wheel',
    function (ev) {
      ev.preventDefault();
      var at = local(ev),
        f = ev.deltaY < 0 ? 1.25 : 0.8;
      // keep the point under the cursor fixed
      view.x += (at[0] - 10) / view.scale - (at[0] - 10) / (view.scale * f);
      view.y += (at[1] - 10) / view.scale - (at[1] - 10) / (view.scale * f);
      view.scale *= f;
      draw();
    },
    {passive: false},
  );
  canvas.addEventListener('dblclick', function () {
    view = {scale: 1, x: 0, y: 0};
    draw();
  });

  redraw();
  window.embedlabExplorer = {
    nearest: nearest,
    analogy: analogy,
    arms: arms.map(function (a) {
      return a.name;
    }),
    size: N,
    timings: {scriptStart: t0, firstDraw: performance.now()},
  };
  document.body.setAttribute('data-embedlab-done', 'yes');
})();

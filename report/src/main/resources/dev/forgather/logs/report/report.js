// forgather-logs report: draws the runs embedded in #report-data with uPlot, and wires the controls.
// Everything it needs is in this file; it fetches nothing.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('report-data').textContent);
  var runs = data.runs;
  var AXES = {step: 'Global Step', epoch: 'Epoch', time: 'Time (minutes)'};
  var state = {axis: 'step', log: false, stop: 0, hidden: runs.map(function () { return false; })};
  var charts = [];

  // ---- data ---------------------------------------------------------------------------------

  // base64 little-endian float32 -> Float64Array (NaN and infinities kept).
  function decode(text) {
    if (text == null) {
      return null;
    }
    var bin = atob(text);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      bytes[i] = bin.charCodeAt(i);
    }
    var view = new DataView(bytes.buffer);
    var out = new Float64Array(bin.length >> 2);
    for (var j = 0; j < out.length; j++) {
      out[j] = view.getFloat32(4 * j, true);
    }
    return out;
  }

  // Columns are decoded on first use and kept.
  function column(level, name, index) {
    var key = index == null ? name : name + index;
    level.cache = level.cache || {};
    if (!(key in level.cache)) {
      level.cache[key] = decode(index == null ? level[name] : level[name][index]);
    }
    return level.cache[key];
  }

  function axisAvailable(axis) {
    return data.metrics.some(function (m) {
      return m.traces.some(function (t) { return t.levels[0][axis] != null; });
    });
  }

  // The level of detail to draw for the visible x range: the coarsest with at least one bucket
  // per pixel column there, else the finest. Small series have one level: every point.
  function chooseLevel(trace, range, width) {
    var levels = trace.levels;
    if (levels.length === 1) {
      return levels[0];
    }
    for (var i = 0; i < levels.length; i++) {
      var xs = column(levels[i], state.axis);
      if (xs == null) {
        return levels[i];
      }
      var inside = 0;
      for (var k = 0; k < xs.length; k++) {
        if (range == null || (xs[k] >= range[0] && xs[k] <= range[1])) {
          inside++;
        }
      }
      if (inside / 2 >= width) {
        return levels[i];
      }
    }
    return levels[levels.length - 1];
  }

  function finite(v, log) {
    if (!isFinite(v) || (log && v <= 0)) {
      return null;
    }
    return v;
  }

  // One uPlot table [xs, ys(, raw ys)] for a trace: x ascending, one value per x (a resumed
  // run's later record wins at a repeated step), gaps where the value is not finite.
  function table(metric, trace, level) {
    var xs = column(level, state.axis);
    if (xs == null) {
      // The run has no point on this axis (no global_step, epoch or timestamp): nothing to draw.
      return metric.smoothed ? [[], [], []] : [[], []];
    }
    var raw = column(level, 'y');
    var smooth = metric.smoothed && state.stop > 0 ? column(level, 'smooth', state.stop - 1) : null;
    var byX = new Map();
    for (var i = 0; i < xs.length; i++) {
      var x = xs[i];
      if (!isFinite(x)) {
        continue;
      }
      byX.set(x, i);
    }
    var keys = Array.from(byX.keys()).sort(function (a, b) { return a - b; });
    var main = new Array(keys.length);
    var faint = metric.smoothed ? new Array(keys.length) : null;
    for (var k = 0; k < keys.length; k++) {
      var idx = byX.get(keys[k]);
      main[k] = finite(smooth ? smooth[idx] : raw[idx], state.log);
      if (faint) {
        faint[k] = finite(raw[idx], state.log);
      }
    }
    return faint ? [keys, main, faint] : [keys, main];
  }

  function chartData(chart, range) {
    var width = chart.plot ? chart.plot.bbox.width / devicePixelRatio : chart.el.clientWidth;
    var tables = chart.traces.map(function (trace) {
      return table(chart.metric, trace, chooseLevel(trace, range, Math.max(200, width)));
    });
    if (tables.length === 0) {
      return [[]];
    }
    var joined = tables.length === 1 ? tables[0] : uPlot.join(tables);
    if (!chart.metric.smoothed) {
      return joined;
    }
    // uPlot.join keeps each table's columns together; put every run's main line first, then the faint raw ones.
    var out = [joined[0]];
    for (var t = 0; t < tables.length; t++) {
      out.push(joined[1 + 2 * t]);
    }
    for (var f = 0; f < tables.length; f++) {
      out.push(joined[2 + 2 * f]);
    }
    return out;
  }

  // ---- formatting ---------------------------------------------------------------------------

  function fmt(v) {
    if (v == null || !isFinite(v)) {
      return v == null ? '--' : String(v);
    }
    var a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) {
      return v.toExponential(3);
    }
    return String(Number(v.toPrecision(5)));
  }

  // The readout at the cursor: the run's value at the nearest x it has a point at.
  function readout(u, v, sidx, idx) {
    if (idx == null) {
      return '--';
    }
    if (v != null) {
      return fmt(v);
    }
    var ys = u.data[sidx];
    for (var d = 1; d < ys.length; d++) {
      var before = idx - d;
      var after = idx + d;
      if (before < 0 && after >= ys.length) {
        break;
      }
      if (before >= 0 && ys[before] != null) {
        return fmt(ys[before]);
      }
      if (after < ys.length && ys[after] != null) {
        return fmt(ys[after]);
      }
    }
    return '--';
  }

  function titleCase(name) {
    return name.split('_').map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); }).join(' ');
  }

  // ---- charts -------------------------------------------------------------------------------

  function seriesOptions(metric, traces) {
    var series = [{label: AXES[state.axis], value: function (u, v) { return v == null ? '--' : fmt(v); }}];
    var smoothing = metric.smoothed && state.stop > 0;
    traces.forEach(function (trace) {
      var run = runs[trace.run];
      series.push({
        label: run.label,
        stroke: run.color,
        width: smoothing ? 2 : 1.5,
        show: !state.hidden[trace.run],
        spanGaps: false,
        points: {show: false},
        value: readout
      });
    });
    if (metric.smoothed) {
      traces.forEach(function (trace) {
        var run = runs[trace.run];
        series.push({
          label: run.label + ' (raw)',
          stroke: run.color + '40',
          width: 1,
          show: smoothing && !state.hidden[trace.run],
          points: {show: false},
          value: readout
        });
      });
    }
    return series;
  }

  function drawMarkers(chart) {
    return function (u) {
      var ctx = u.ctx;
      var top = u.bbox.top;
      var height = u.bbox.height;
      chart.markers.forEach(function (marker) {
        var x = marker[state.axis];
        if (x == null || state.hidden[marker.run]) {
          return;
        }
        var px = u.valToPos(x, 'x', true);
        if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) {
          return;
        }
        ctx.save();
        ctx.strokeStyle = runs[marker.run].color;
        ctx.fillStyle = marker.severity === 'error' ? '#d62728'
            : (marker.severity === 'warn' || marker.severity === 'warning' ? '#ff7f0e' : '#7f7f7f');
        ctx.lineWidth = devicePixelRatio;
        ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
        ctx.beginPath();
        ctx.moveTo(px, top);
        ctx.lineTo(px, top + height);
        ctx.stroke();
        ctx.setLineDash([]);
        var s = 6 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(px - s, top);
        ctx.lineTo(px + s, top);
        ctx.lineTo(px, top + 1.6 * s);
        ctx.closePath();
        ctx.fill();
        ctx.restore();
      });
    };
  }

  function caption(chart) {
    var text = chart.metric.name;
    if (chart.metric.smoothed && state.stop > 0) {
      text += ' (smoothed: ' + data.stops[state.stop] + ')';
    }
    if (chart.markers.length > 0) {
      text += ' \u2014 ' + chart.markers.length + (chart.markers.length === 1 ? ' finding' : ' findings') + ' marked';
    }
    chart.caption.textContent = text;
  }

  function chartWidth(chart) {
    return Math.max(280, Math.floor(chart.el.clientWidth));
  }

  function create(chart, keepRange) {
    if (chart.plot) {
      chart.plot.destroy();
      chart.plot = null;
    }
    var series = seriesOptions(chart.metric, chart.traces);
    var opts = {
      width: chartWidth(chart),
      height: 300,
      series: series,
      scales: {x: {time: false}, y: {distr: state.log ? 3 : 1}},
      axes: [
        {label: AXES[state.axis], stroke: '#333', grid: {stroke: '#e6e6e6'}},
        {label: titleCase(chart.metric.name), stroke: '#333', grid: {stroke: '#e6e6e6'}, size: 70}
      ],
      cursor: {drag: {x: true, y: false}, sync: {key: 'forgather-x'}},
      legend: {live: true},
      hooks: {
        draw: [drawMarkers(chart)],
        setSeries: [function (u, sidx, opts) { onLegendToggle(chart, sidx, opts); }],
        setScale: [function (u, key) { if (key === 'x') { onZoom(chart); } }]
      }
    };
    chart.level = null;
    var d = chartData(chart, keepRange);
    chart.plot = new uPlot(opts, d, chart.el);
    // The faint raw lines share their run's legend entry.
    var rows = chart.plot.root.querySelectorAll('.u-legend .u-series');
    for (var i = chart.traces.length + 1; i < rows.length; i++) {
      rows[i].style.display = 'none';
    }
    if (keepRange) {
      chart.plot.setScale('x', {min: keepRange[0], max: keepRange[1]});
    }
    caption(chart);
  }

  var refreshing = false;

  // After a zoom (or its reset): draw the level of detail that fits the new range.
  function onZoom(chart) {
    if (refreshing || !chart.plot || !chart.reduced) {
      return;
    }
    var u = chart.plot;
    var range = [u.scales.x.min, u.scales.x.max];
    refreshing = true;
    try {
      u.setData(chartData(chart, range), false);
    } finally {
      refreshing = false;
    }
  }

  function runOfSeries(chart, sidx) {
    var n = chart.traces.length;
    if (sidx < 1) {
      return -1;
    }
    return chart.traces[(sidx - 1) % n].run;
  }

  function onLegendToggle(chart, sidx, opts) {
    if (applying || opts == null || opts.show == null) {
      return;
    }
    var run = runOfSeries(chart, sidx);
    if (run >= 0 && state.hidden[run] === opts.show) {
      setRunVisible(run, opts.show);
    }
  }

  var applying = false;

  function setRunVisible(run, show) {
    state.hidden[run] = !show;
    applying = true;
    try {
      charts.forEach(function (chart) {
        var n = chart.traces.length;
        chart.traces.forEach(function (trace, t) {
          if (trace.run !== run) {
            return;
          }
          var u = chart.plot;
          if (u.series[1 + t].show !== show) {
            u.setSeries(1 + t, {show: show});
          }
          if (chart.metric.smoothed) {
            var faint = show && state.stop > 0;
            if (u.series[1 + n + t].show !== faint) {
              u.setSeries(1 + n + t, {show: faint});
            }
          }
        });
        chart.plot.redraw(false, false);
      });
    } finally {
      applying = false;
    }
    var button = document.querySelector('.run-toggle[data-run="' + run + '"]');
    if (button) {
      button.setAttribute('aria-pressed', show ? 'true' : 'false');
      button.classList.toggle('off', !show);
    }
  }

  function setSmoothing(stop) {
    state.stop = stop;
    document.getElementById('smoothing-label').textContent = data.stops[stop];
    charts.forEach(function (chart) {
      if (!chart.metric.smoothed) {
        return;
      }
      var u = chart.plot;
      var range = [u.scales.x.min, u.scales.x.max];
      var n = chart.traces.length;
      applying = true;
      try {
        chart.traces.forEach(function (trace, t) {
          var faint = stop > 0 && !state.hidden[trace.run];
          if (u.series[1 + n + t].show !== faint) {
            u.setSeries(1 + n + t, {show: faint});
          }
          u.series[1 + t].width = stop > 0 ? 2 : 1.5;
        });
      } finally {
        applying = false;
      }
      refreshing = true;
      try {
        u.setData(chartData(chart, range), false);
      } finally {
        refreshing = false;
      }
      caption(chart);
    });
  }

  function rebuild(keepZoom) {
    charts.forEach(function (chart) {
      var range = keepZoom && chart.plot ? [chart.plot.scales.x.min, chart.plot.scales.x.max] : null;
      create(chart, range);
    });
  }

  // ---- page ---------------------------------------------------------------------------------

  function sortable(tableEl) {
    var heads = tableEl.querySelectorAll('thead th');
    heads.forEach(function (th, col) {
      th.tabIndex = 0;
      var sort = function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = tableEl.tBodies[0];
        var rows = Array.from(body.rows);
        var numeric = rows.every(function (r) { return r.cells[col].hasAttribute('data-v') || r.cells[col].classList.contains('na'); });
        rows.sort(function (a, b) {
          var ca = a.cells[col];
          var cb = b.cells[col];
          var result;
          if (numeric) {
            var va = ca.hasAttribute('data-v') ? parseFloat(ca.getAttribute('data-v')) : null;
            var vb = cb.hasAttribute('data-v') ? parseFloat(cb.getAttribute('data-v')) : null;
            if (va === null || vb === null) {
              // Missing values go last whichever way.
              return (va === null) - (vb === null);
            }
            result = va - vb;
          } else {
            result = ca.textContent.localeCompare(cb.textContent);
          }
          return ascending ? result : -result;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          sort();
        }
      });
    });
  }

  document.querySelectorAll('table.sortable').forEach(sortable);

  var grid = document.getElementById('chart-grid');
  if (grid) {
    data.metrics.forEach(function (metric, m) {
      var el = document.getElementById('chart-' + m);
      var chart = {
        metric: metric,
        traces: metric.traces,
        el: el,
        caption: el.querySelector('figcaption'),
        reduced: metric.traces.some(function (t) { return t.levels.length > 1; }),
        markers: data.markers.filter(function (mk) { return mk.metric === metric.name; }),
        plot: null
      };
      charts.push(chart);
    });
    if (!axisAvailable(state.axis)) {
      // No run logged global_step: start on an axis they have, as plot suggests --x-axis time.
      var start = ['time', 'epoch'].filter(axisAvailable)[0];
      if (start) {
        state.axis = start;
        document.querySelector('input[name="x-axis"][value="' + start + '"]').checked = true;
      }
    }
    rebuild(false);

    document.querySelectorAll('.run-toggle').forEach(function (button) {
      button.addEventListener('click', function () {
        var run = Number(button.getAttribute('data-run'));
        setRunVisible(run, state.hidden[run]);
      });
    });
    var slider = document.getElementById('smoothing');
    slider.addEventListener('input', function () { setSmoothing(Number(slider.value)); });
    document.querySelectorAll('input[name="x-axis"]').forEach(function (radio) {
      if (!axisAvailable(radio.value)) {
        radio.disabled = true;
        radio.parentNode.title = 'no run logged this axis';
      }
      radio.addEventListener('change', function () {
        if (radio.checked) {
          state.axis = radio.value;
          rebuild(false);
        }
      });
    });
    var log = document.getElementById('log-scale');
    log.addEventListener('change', function () {
      state.log = log.checked;
      rebuild(true);
    });

    var resize = function (width) {
      charts.forEach(function (chart) {
        chart.plot.setSize({width: width || chartWidth(chart), height: 300});
      });
    };
    var pending = null;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () { resize(); }, 100);
    });
    // Printed, every chart takes the page's width (A4 or Letter less margins, at 96 px per inch).
    window.addEventListener('beforeprint', function () { resize(700); });
    window.addEventListener('afterprint', function () { resize(); });
  }

  // For scripts and tests that look at the page: the charts and the state of the controls.
  window.forgatherReport = {
    charts: charts.map(function (c) { return {metric: c.metric.name, get plot() { return c.plot; }, runs: c.traces.map(function (t) { return t.run; })}; }),
    runs: runs,
    state: state
  };
})();

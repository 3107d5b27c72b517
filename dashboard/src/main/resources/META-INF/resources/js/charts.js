// Draws the charts of the study and trial pages with ECharts, from the JSON the dashboard serves beside each page
// (data-src), and redraws them when live.js has refreshed the page. Every text that came from users goes through
// encodeHTML before it reaches a tooltip, the only place ECharts writes HTML.
(function () {
  'use strict';
  if (!window.echarts) {
    return;
  }
  var esc = echarts.format.encodeHTML;
  var GREY = '#64748b', BEST = '#16a34a', PRUNED = '#d97706', RUNG = '#7c3aed';
  var charts = {};

  function chart(id) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    if (!charts[id] || charts[id].getDom() !== el) {
      if (charts[id]) {
        charts[id].dispose(); // its element was replaced by a live refresh
      }
      // SVG: sharp when printed or zoomed, and fast enough for a few thousand lines
      charts[id] = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'svg' });
    }
    return charts[id];
  }

  function draw(id, option) {
    var c = chart(id);
    if (!c) {
      return;
    }
    var before = c.getOption();
    if (before && before.legend && before.legend[0] && option.legend) {
      option.legend.selected = before.legend[0].selected; // keep what the user switched off
    }
    c.setOption(option, { notMerge: true });
    var el = c.getDom();
    el.dataset.drawn = String(Number(el.dataset.drawn || 0) + 1);
  }

  function note(id, shown, total, what) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = shown < total ? '(' + shown + ' of ' + total + ' trials: ' + what + ')' : '';
    }
  }

  function axisName(name, gap) {
    return { name: name, nameLocation: 'middle', nameGap: gap, nameTextStyle: { color: '#1d2330', fontWeight: 600 } };
  }

  function curvesOption(data, studyPath) {
    var c = data.curves;
    var series = [];
    var trialIds = {};
    c.lines.forEach(function (line) {
      var kind = line.best ? 'best trial' : line.pruned ? 'pruned trials' : 'other trials';
      trialIds['t' + line.number] = line.trialId;
      series.push({
        type: 'line', id: 't' + line.number, name: kind, data: line.points, showSymbol: line.points.length < 2,
        symbolSize: 4, z: line.best ? 10 : 2, color: line.best ? BEST : line.pruned ? PRUNED : GREY,
        lineStyle: { width: line.best ? 3 : 1, opacity: line.best ? 1 : 0.5 }, emphasis: { focus: 'series' }
      });
    });
    var stops = c.lines.filter(function (l) { return l.pruned && l.points.length; }).map(function (l) {
      return { value: l.points[l.points.length - 1], name: '#' + l.number };
    });
    if (stops.length) {
      series.push({ type: 'scatter', id: 'stops', name: 'pruned: stopped here', data: stops, symbol: 'triangle',
        symbolSize: 10, color: PRUNED, z: 12 });
    }
    if (c.rungs.length) {
      series.push({ type: 'line', id: 'rungs', name: 'rung epochs', data: [], color: RUNG,
        markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: RUNG },
          label: { formatter: 'rung at {c}', color: RUNG }, data: c.rungs.map(function (e) { return { xAxis: e }; }) } });
    }
    var legend = ['best trial', 'other trials', 'pruned trials', 'pruned: stopped here', 'rung epochs']
      .filter(function (name) { return series.some(function (s) { return s.name === name; }); });
    return {
      option: {
        animation: false,
        grid: { left: 64, right: 24, top: 40, bottom: 48 },
        legend: { data: legend, top: 0 },
        tooltip: { trigger: 'item', formatter: function (p) {
          var trial = p.seriesId.charAt(0) === 't' ? '#' + p.seriesId.substring(1) : p.name;
          return 'trial ' + esc(trial) + '<br>epoch ' + p.value[0] + ': ' + esc(data.metric) + ' ' + Number(p.value[1]).toFixed(4);
        } },
        xAxis: Object.assign({ type: 'value', minInterval: 1, min: 0 }, axisName('epoch', 28)),
        yAxis: Object.assign({ type: 'value', scale: true }, axisName(data.metric, 48)),
        series: series
      },
      open: function (p) {
        var id = trialIds[p.seriesId] || (p.seriesId === 'stops' ? trialIds['t' + p.name.substring(1)] : null);
        if (id) {
          window.location.href = studyPath + '/trials/' + encodeURIComponent(id);
        }
      }
    };
  }

  function parallelOption(data) {
    var p = data.parallel;
    var objective = p.axes.length - 1;
    var values = p.rows.map(function (r) { return r.value[objective]; });
    var min = Math.min.apply(null, values), max = Math.max.apply(null, values);
    var colors = ['#cbd5e1', '#60a5fa', '#1d4ed8'];
    return {
      animation: false,
      parallel: { left: 48, right: 96, top: 56, bottom: 32 },
      parallelAxis: p.axes.map(function (a, i) {
        return { dim: i, name: a.name, type: a.type, data: a.values || undefined, scale: a.type === 'value',
          nameTextStyle: { color: '#1d2330', fontWeight: 600 }, nameGap: 12 };
      }),
      legend: { data: ['trials'], top: 0, left: 0 },
      visualMap: { type: 'continuous', dimension: objective, min: min, max: max === min ? min + 1e-9 : max,
        calculable: true, right: 4, top: 'middle', itemHeight: 120, precision: 4, text: ['better', 'worse'],
        inverse: data.direction === 'minimize',
        inRange: { color: data.direction === 'minimize' ? colors.slice().reverse() : colors } },
      tooltip: { trigger: 'item', formatter: function (item) {
        return 'trial ' + esc(item.name) + '<br>' + p.axes.map(function (a, i) {
          var v = item.value[i];
          return esc(a.name) + ': ' + esc(v === null || v === undefined ? '–' : String(v));
        }).join('<br>');
      } },
      series: [{ type: 'parallel', name: 'trials', lineStyle: { width: 1, opacity: 0.6 }, progressive: 500,
        data: p.rows.map(function (r) { return { name: r.name, value: r.value }; }) }]
    };
  }

  // a learning-rate range test: loss against rate on a log axis, the suggested range shaded, divergence marked
  function rangeOption(data) {
    var r = data.rangeTest;
    var series = [
      { type: 'line', name: 'batch loss', data: r.loss, showSymbol: false, color: GREY, lineStyle: { width: 1, opacity: 0.5 } },
      { type: 'line', name: 'smoothed loss', data: r.smoothed, showSymbol: false, color: BEST, lineStyle: { width: 3 } }
    ];
    if (r.suggested) {
      series[1].markArea = { silent: true, itemStyle: { color: 'rgba(22, 163, 74, 0.12)' },
        label: { formatter: 'suggested range', color: BEST },
        data: [[{ xAxis: r.suggested.min }, { xAxis: r.suggested.max }]] };
    }
    if (r.divergedLr) {
      series[1].markLine = { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: PRUNED },
        label: { formatter: 'loss exploded', color: PRUNED }, data: [{ xAxis: r.divergedLr }] };
    }
    return {
      animation: false,
      legend: { data: ['smoothed loss', 'batch loss'], top: 0 },
      grid: { left: 64, right: 24, top: 36, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return Number(v).toPrecision(4); } },
      xAxis: Object.assign({ type: 'log', logBase: 10 }, axisName('learning rate', 32)),
      yAxis: Object.assign({ type: 'value', scale: true }, axisName('loss', 44)),
      series: series
    };
  }

  function importanceOption(data) {
    var entries = data.importance.importances.slice().reverse(); // largest at the top
    return {
      animation: false,
      grid: { left: 120, right: 48, top: 32, bottom: 40 },
      legend: { data: ['importance for ' + data.importance.metric], top: 0 },
      tooltip: { trigger: 'item', formatter: function (p) {
        return esc(p.name) + ': ' + (100 * p.value).toFixed(1) + ' %';
      } },
      xAxis: Object.assign({ type: 'value', min: 0, axisLabel: { formatter: function (v) { return Math.round(100 * v) + ' %'; } } },
        axisName('share of the variation explained', 26)),
      yAxis: { type: 'category', data: entries.map(function (e) { return e.name; }), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [{ type: 'bar', name: 'importance for ' + data.importance.metric, color: '#2563eb',
        data: entries.map(function (e) { return e.importance; }),
        label: { show: true, position: 'right', formatter: function (p) { return (100 * p.value).toFixed(1) + ' %'; } } }]
    };
  }

  function metricOption(data, names, axis) {
    var labels = { loss: 'training loss', val_loss: 'validation loss', accuracy: 'training accuracy', val_accuracy: 'validation accuracy' };
    var present = names.filter(function (n) { return data.series[n]; });
    return {
      animation: false,
      grid: { left: 64, right: 24, top: 40, bottom: 48 },
      legend: { data: present.map(function (n) { return labels[n]; }), top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? '–' : Number(v).toFixed(4); } },
      xAxis: Object.assign({ type: 'value', minInterval: 1, min: 'dataMin' }, axisName('epoch', 28)),
      yAxis: Object.assign({ type: 'value', scale: true }, axisName(axis, 48)),
      series: present.map(function (n) {
        return { type: 'line', name: labels[n], showSymbol: true, symbolSize: 6,
          lineStyle: n.indexOf('val_') === 0 ? { width: 2 } : { width: 2, type: 'dashed' },
          data: data.epochs.map(function (e, i) { return [e, data.series[n][i]]; }) };
      })
    };
  }

  function studyCharts(src) {
    var studyPath = src.replace(/\/charts\.json$/, '');
    return fetch(src, { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (data) {
      if (!data.curves) {
        return;
      }
      var curves = curvesOption(data, studyPath);
      draw('curves-chart', curves.option);
      var c = chart('curves-chart');
      c.off('click');
      c.on('click', curves.open);
      note('curves-note', data.curves.lines.length, data.curves.trials, 'running ones, then the best');
      if (data.parallel.rows.length) {
        draw('parallel-chart', parallelOption(data));
        chart('parallel-chart').off('click');
        chart('parallel-chart').on('click', function (p) {
          var row = data.parallel.rows[p.dataIndex];
          if (row) {
            window.location.href = studyPath + '/trials/' + encodeURIComponent(row.trialId);
          }
        });
      }
      note('parallel-note', data.parallel.rows.length, data.parallel.trials, 'the best');
      if (data.rangeTest && document.getElementById('range-chart')) {
        draw('range-chart', rangeOption(data));
      }
      if (data.importance && document.getElementById('importance-chart')) {
        draw('importance-chart', importanceOption(data));
      }
    });
  }

  function trialCharts(src) {
    return fetch(src, { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (data) {
      if (!data.series) {
        return;
      }
      draw('loss-chart', metricOption(data, ['loss', 'val_loss'], 'loss'));
      draw('accuracy-chart', metricOption(data, ['accuracy', 'val_accuracy'], 'accuracy'));
    });
  }

  function redraw() {
    var curves = document.getElementById('curves-chart');
    var loss = document.getElementById('loss-chart');
    var done = curves ? studyCharts(curves.dataset.src) : loss ? trialCharts(loss.dataset.src) : null;
    if (done) {
      done.catch(function (e) { console.warn('charts not drawn:', e); });
    }
  }

  function resize() {
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
  }

  redraw();
  document.addEventListener('hpo:refreshed', redraw);
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
})();

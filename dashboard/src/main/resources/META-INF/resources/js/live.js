// Live updates without polling: the dashboard pushes a server-sent event when a study changes; this page then
// reads itself again and swaps in its parts marked data-live (the same URL, so sorting and paging stay), and
// tells the charts (charts.js) to redraw. Bursts of events cause one read, at most one a second.
(function () {
  'use strict';
  var body = document.body;
  var source = body.dataset.events;
  var state = document.getElementById('live-state');
  if (!source || !window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var focus = body.dataset.trial;
  var MIN_GAP_MS = 1000;
  var last = 0;
  var timer = null;
  var running = false;
  var pending = false;

  function show(text, css) {
    if (state) {
      state.textContent = text;
      state.className = 'live-state ' + css;
    }
    body.dataset.liveState = css;
  }

  function schedule() {
    if (running) {
      pending = true;
      return;
    }
    if (timer) {
      return;
    }
    timer = setTimeout(refresh, Math.max(0, last + MIN_GAP_MS - Date.now()));
  }

  function refresh() {
    timer = null;
    running = true;
    last = Date.now();
    fetch(window.location.href, { headers: { 'Accept': 'text/html' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        document.querySelectorAll('[data-live][id]').forEach(function (part) {
          var replacement = fresh.getElementById(part.id);
          if (replacement) {
            part.replaceWith(document.importNode(replacement, true));
          }
        });
        var title = fresh.querySelector('h1');
        var current = document.querySelector('h1');
        if (title && current) {
          current.replaceWith(document.importNode(title, true));
        }
        body.dataset.refreshes = String(Number(body.dataset.refreshes || 0) + 1);
        document.dispatchEvent(new CustomEvent('hpo:refreshed'));
      })
      .catch(function (error) {
        show('update failed (' + error.message + ')', 'reconnecting');
      })
      .then(function () {
        running = false;
        if (pending) {
          pending = false;
          schedule();
        }
      });
  }

  function onChange(message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    if (focus && event.trialId && event.trialId !== focus) {
      return;
    }
    schedule();
  }

  var events = new EventSource(source);
  var opened = false;
  events.addEventListener('ready', function () {
    show('live', 'connected');
    if (opened) {
      schedule(); // reconnected: something may have changed meanwhile
    }
    opened = true;
  });
  ['StudyCreated', 'StudyCompleted', 'TrialChanged', 'EpochReported'].forEach(function (kind) {
    events.addEventListener(kind, onChange);
  });
  events.onerror = function () { show('reconnecting…', 'reconnecting'); };
  window.addEventListener('pagehide', function () { events.close(); });
})();

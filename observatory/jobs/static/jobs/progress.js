// Follows a background job: polls its status and updates the progress bar; reloads the page when the
// job ends so that the server renders its result. Without script, the page refreshes itself (noscript).
(function () {
  "use strict";
  var section = document.querySelector("[data-job-status-url]");
  if (!section || section.dataset.finished === "1") { return; }
  var url = section.dataset.jobStatusUrl;
  var delay = parseInt(section.dataset.pollMs, 10) || 1500;
  var bar = section.querySelector("progress");
  var counts = section.querySelector("[data-job-counts]");

  function field(name, value) {
    var node = section.querySelector('[data-job-field="' + name + '"]');
    if (node) { node.textContent = value || ""; }
  }

  function show(state) {
    field("status_label", state.status_label);
    field("step", state.finished ? "" : state.step);
    if (state.percent === null) {
      bar.removeAttribute("value");
    } else {
      bar.value = state.percent;
      bar.textContent = state.percent + "%";
    }
    if (counts && state.total) {
      counts.hidden = false;
      field("done", String(state.done));
      field("total", String(state.total));
    }
    var queued = section.querySelector("[data-job-queued]");
    if (queued && state.status !== "queued") { queued.hidden = true; }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.finished) { window.location.reload(); } else { window.setTimeout(poll, delay); }
      })
      .catch(function () { window.setTimeout(poll, delay * 4); });
  }
  window.setTimeout(poll, delay);
})();

/* Progressive enhancement for the indicator explorer. Without this file every view works:
   the server draws the chart as SVG and the forms submit normally. With it:
   - the map's year slider shows its value and reloads the map when released;
   - the country picker gets a search box that hides the countries that do not match;
   - on screens at least 700 px wide, the chart becomes interactive (tooltips) with vega-embed,
     using the same Vega-Lite spec the server drew;
   - on narrower screens the server draws the chart again at 360 px, so its text stays at 11 px
     instead of shrinking with a wide drawing. */
(function () {
  "use strict";

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function enhanceSlider(form) {
    var slider = form.querySelector('input[type="range"]');
    var output = form.querySelector("output");
    if (!slider) { return; }
    slider.addEventListener("input", function () { if (output) { output.value = slider.value; } });
    slider.addEventListener("change", function () { form.submit(); });
  }

  function enhancePicker(form) {
    var search = form.querySelector(".picker-search");
    if (!search) { return; }
    var labels = form.querySelectorAll(".picker-list label");
    search.hidden = false;
    search.addEventListener("input", function () {
      var wanted = search.value.trim().toLocaleLowerCase();
      Array.prototype.forEach.call(labels, function (label) {
        label.hidden = wanted !== "" && label.textContent.toLocaleLowerCase().indexOf(wanted) === -1;
      });
    });
    // Enter in the search box should not submit a half-typed name.
    search.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
  }

  function drawNarrow(explorer) {
    var holder = explorer.querySelector("figure.chart .chart-svg");
    var url = explorer.getAttribute("data-narrow-url");
    if (!holder || !url) { return; }
    fetch(url)
      .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
      .then(function (svg) {
        if (svg.indexOf("<svg") > -1) {
          holder.innerHTML = svg.slice(svg.indexOf("<svg"));
          holder.classList.add("narrow");
        }
      })
      .catch(function () { /* the wide drawing stays */ });
  }

  function makeInteractive(explorer) {
    var figure = explorer.querySelector("figure.chart");
    if (!figure) { return; }
    if (window.innerWidth < 700) { drawNarrow(explorer); return; }
    // Tooltip styles as a file: the security policy blocks the <style> element vega-tooltip would insert.
    (explorer.getAttribute("data-styles") || "").split(" ").filter(Boolean).forEach(function (href) {
      if (!document.querySelector('link[href="' + href + '"]')) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = href;
        document.head.appendChild(link);
      }
    });
    var scripts = (explorer.getAttribute("data-scripts") || "").split(" ").filter(Boolean);
    var chain = scripts.reduce(function (promise, src) {
      return promise.then(function () { return loadScript(src); });
    }, Promise.resolve());
    chain
      .then(function () { return fetch(explorer.getAttribute("data-spec-url")); })
      .then(function (response) { return response.json(); })
      .then(function (spec) {
        var target = document.createElement("div");
        target.className = "chart-interactive";
        figure.insertBefore(target, figure.firstChild);
        return window.vegaEmbed(target, spec, {
          actions: false, renderer: "svg", ast: true, expr: window.vegaInterpreter.expressionInterpreter,
          // A country on the map opens its line chart in this tab, as the server-drawn links do.
          loader: { target: "_self" },
          tooltip: { disableDefaultStyle: true }, defaultStyle: false
        });
      })
      .then(function () { figure.classList.add("vega-interactive"); })
      .catch(function () { /* the server-drawn chart stays */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("explorer-controls");
    if (form) { enhanceSlider(form); enhancePicker(form); }
    Array.prototype.forEach.call(document.querySelectorAll(".explorer"), makeInteractive);
  });
})();

/* Progressive enhancement for the indicator explorer. Without this file every view works:
   the server draws the chart as SVG and the forms submit normally. With it:
   - the map's year slider shows its value and reloads the map when released;
   - on screens at least 700 px wide, the chart becomes interactive (tooltips) with vega-embed,
     using the same Vega-Lite spec the server drew. Phones keep the light server-drawn SVG. */
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

  function makeInteractive(explorer) {
    var figure = explorer.querySelector("figure.chart");
    if (!figure || window.innerWidth < 700) { return; }
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
          tooltip: { disableDefaultStyle: true }, defaultStyle: false
        });
      })
      .then(function () { figure.classList.add("vega-interactive"); })
      .catch(function () { /* the server-drawn chart stays */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("explorer-controls");
    if (form) { enhanceSlider(form); }
    Array.prototype.forEach.call(document.querySelectorAll(".explorer"), makeInteractive);
  });
})();

// The main menu on narrow screens: folded behind the "Menu" button, opened and closed by it.
// Without this script the menu is simply shown in full.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var header = document.querySelector(".site-header");
    var button = header && header.querySelector(".menu-toggle");
    if (!button) { return; }
    header.classList.add("menu-js");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = header.classList.toggle("menu-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
})();

// Charts drawn for a wide screen shrink their text on a phone. Where the page offers the same chart
// drawn at the phone's width (data-narrow-url), it replaces the wide drawing; without this script, or
// if the request fails, the wide drawing stays.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (window.innerWidth >= 700 || !window.fetch) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".chart-svg[data-narrow-url]"), function (holder) {
      fetch(holder.getAttribute("data-narrow-url"))
        .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
        .then(function (svg) {
          var start = svg.indexOf("<svg");
          if (start > -1) { holder.innerHTML = svg.slice(start); holder.classList.add("narrow"); }
        })
        .catch(function () { /* the wide drawing stays */ });
    });
  });
})();

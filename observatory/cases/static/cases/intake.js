// Progressive enhancement of the intake form: show one violation block at a time.
// Without JavaScript every block is visible and the form works the same.
(function () {
  "use strict";
  var form = document.querySelector("form.case-form");
  if (!form) { return; }
  var acts = Array.prototype.slice.call(form.querySelectorAll("fieldset.act"));
  if (acts.length < 2) { return; }

  function isEmpty(act) {
    var fields = act.querySelectorAll("select, input");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.tagName === "SELECT") {
        for (var j = 0; j < field.options.length; j++) {
          if (field.options[j].selected && field.options[j].value) { return false; }
        }
      } else if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) { return false; }
      } else if (field.value) { return false; }
    }
    return !act.querySelector(".error");
  }

  var hidden = [];
  acts.forEach(function (act, index) {
    if (index > 0 && isEmpty(act)) { act.hidden = true; hidden.push(act); }
  });
  if (!hidden.length) { return; }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary add-act";
  button.textContent = form.getAttribute("data-add-act") || "+";
  hidden[0].parentNode.insertBefore(button, hidden[0]);
  button.addEventListener("click", function () {
    var next = hidden.shift();
    if (next) {
      next.hidden = false;
      var first = next.querySelector("select");
      if (first) { first.focus(); }
    }
    if (!hidden.length) { button.remove(); }
  });
}());

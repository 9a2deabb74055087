// Poolse docs: progressive enhancement only; every page is complete without this script.
(function () {
  "use strict";
  // A filter box narrows the operations or events of a reference page as the reader types.
  var inputs = document.querySelectorAll("input[data-filter]");
  Array.prototype.forEach.call(inputs, function (input) {
    var items = document.querySelectorAll(input.getAttribute("data-filter"));
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(items, function (item) {
        var match = needle === "" || item.textContent.toLowerCase().indexOf(needle) >= 0;
        item.classList.toggle("hidden", !match);
      });
    });
  });
  // Opening a link to an example or a collapsed section expands it.
  function reveal() {
    if (!location.hash) { return; }
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  // Marks a page whose script ran to the end; the browser test looks for it.
  document.documentElement.setAttribute("data-ready", "true");
}());

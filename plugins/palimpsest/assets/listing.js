/* Listing pages (browse/…): the table arrives sorted newest first and complete, so it reads
 * without JavaScript; this adds sorting by any column (buttons in the headers, aria-sort kept
 * true) and a filter box that hides the rows not containing every word typed. */
(function () {
  "use strict";

  function sortable(table) {
    var tbody = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pal-listing__sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var desc = th.getAttribute("aria-sort") !== "descending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", desc ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(tbody.rows);
        var key = function (row) {
          var cell = row.cells[col];
          var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent.trim().toLowerCase();
          return kind === "number" ? parseFloat(v) || 0 : v;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = x < y ? -1 : x > y ? 1 : 0;
          return desc ? -c : c;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  }

  function filter(input) {
    var table = document.getElementById(input.getAttribute("data-pal-filter"));
    if (!table) return;
    var box = input.closest(".pal-listing__filter");
    var shown = box.querySelector(".pal-listing__shown");
    box.hidden = false;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var n = 0;
      rows.forEach(function (r, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        r.hidden = !ok;
        if (ok) n++;
      });
      shown.textContent = words.length ? n + " of " + rows.length + " shown" : "";
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-pal-sortable]"), sortable);
    Array.prototype.forEach.call(document.querySelectorAll("input[data-pal-filter]"), filter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

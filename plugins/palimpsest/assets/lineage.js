/* Palimpsest: on wide screens, where the lineage of each clause sits in the margin beside it,
   its <details> opens; on narrow screens it stays collapsed under the clause. Without this
   script every lineage block is a working collapsed <details> (keyboard: Tab, then Enter). */
(function () {
  "use strict";
  var WIDE = "(min-width: 76.25em)";
  if (!window.matchMedia) return;
  var query = window.matchMedia(WIDE);

  function apply() {
    var blocks = document.querySelectorAll(".pal-document > .pal-clause > .pal-aside > details.pal-lineage");
    for (var i = 0; i < blocks.length; i++) {
      blocks[i].open = query.matches;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
  if (query.addEventListener) {
    query.addEventListener("change", apply);
  } else if (query.addListener) {
    query.addListener(apply);
  }
})();

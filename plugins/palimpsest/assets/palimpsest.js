/* Palimpsest: copy-citation buttons and forgiving clause anchors. Vanilla, no dependencies.
   Without it the page reads the same: every clause keeps its permalink (¶) and :target still
   highlights; only the "Cite" buttons (which need a script to copy) are not there. */
(function () {
  "use strict";

  /* Same rules as anchors.shorthand_to_anchor: OP4 → op4, op-4 → op4, op1(a) → op1-a. */
  function shorthand(fragment) {
    var f = fragment.trim().toLowerCase();
    f = f.replace(/\(([a-z0-9]+)\)/g, "-$1");
    f = f.replace(/^(.*?\b)?(pp|op|p)[-_. ]+(\d)/, function (m, pre, kind, digit) {
      return (pre || "") + kind + digit;
    });
    return f.replace(/[-_. ]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function byEid(eid) {
    var nodes = document.querySelectorAll(".pal-clause[data-eid]");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getAttribute("data-eid") === eid) return nodes[i];
    }
    return null;
  }

  /* Anchors this page redirects (sources/<slug>/redirects.yml): {old: new}. */
  function redirects() {
    var node = document.getElementById("pal-redirects");
    if (!node) return {};
    try { return JSON.parse(node.textContent) || {}; } catch (e) { return {}; }
  }

  /* The clause a fragment means: its id, a redirected old anchor, a shorthand of it, or an
     Akoma Ntoso eId. */
  function resolve(fragment) {
    if (!fragment) return null;
    var exact = document.getElementById(fragment);
    if (exact) return exact;
    var moved = redirects();
    var short = shorthand(fragment);
    var target = Object.prototype.hasOwnProperty.call(moved, fragment) ? moved[fragment]
      : Object.prototype.hasOwnProperty.call(moved, short) ? moved[short] : null;
    var el = (target && document.getElementById(target)) || document.getElementById(short) || byEid(fragment);
    return el && el.classList.contains("pal-clause") ? el : null;
  }

  function highlight() {
    var raw = location.hash.slice(1);
    var fragment;
    try { fragment = decodeURIComponent(raw); } catch (e) { fragment = raw; }
    var el = resolve(fragment);
    var old = document.querySelectorAll(".pal-highlight");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("pal-highlight");
    if (!el || !el.classList.contains("pal-clause")) return;
    if (el.id !== fragment && history.replaceState) {
      history.replaceState(null, "", "#" + el.id);
    }
    el.classList.add("pal-highlight");
    if (el.id !== fragment) el.scrollIntoView();
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function citationOf(button) {
    var clause = button.closest(".pal-clause");
    var text = (clause && clause.getAttribute("data-citation")) || "";
    /* without site_url the build wrote a relative URL: make it absolute from this page */
    if (clause && !/\u2014 https?:\/\//.test(text)) {
      var url = location.href.split("#")[0] + "#" + clause.id;
      text = text.replace(/\u2014 .*$/, "\u2014 " + url);
    }
    return text;
  }

  function done(button, state) {
    button.setAttribute("data-state", state);
    setTimeout(function () { button.removeAttribute("data-state"); }, 2000);
  }

  function copy(button) {
    var text = citationOf(button);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { done(button, "copied"); },
        function () { done(button, fallbackCopy(text) ? "copied" : "failed"); }
      );
    } else {
      done(button, fallbackCopy(text) ? "copied" : "failed");
    }
  }

  /* One "Cite" button after each clause's permalink (data-citation holds the text). */
  function addButtons() {
    var clauses = document.querySelectorAll(".pal-clause[data-citation]");
    for (var i = 0; i < clauses.length; i++) {
      var link = clauses[i].querySelector(":scope > p > a.pal-permalink");
      if (!link || (link.nextElementSibling && link.nextElementSibling.matches("button.pal-copy"))) continue;
      var label = clauses[i].getAttribute("data-label") || clauses[i].id;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pal-copy";
      button.title = "Copy citation of " + label;
      button.setAttribute("aria-label", "Copy citation of " + label);
      link.insertAdjacentElement("afterend", button);
    }
  }

  function setup() {
    addButtons();
    highlight();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.pal-copy");
    if (button) copy(button);
  });
  window.addEventListener("hashchange", highlight);

  /* Material's instant navigation swaps pages without reloading: follow its document$ */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

/* Palimpsest: the margin panel of a clause (lineage, notes, citation), the citation formats,
   footnotes that open on tap, forgiving clause anchors. Vanilla, no dependencies.

   Without this script the page reads the same: every clause keeps its number (a link to
   itself), its lineage marker links to the clause's section of the document's lineage page
   (<slug>/lineage/: the nearest earlier and later texts, the changes, every other link), its
   note is a <details> under it, footnotes link to the notes at the end, :target highlights.
   Only copying a citation needs the script.

   The panel: one <aside class="pal-panel"> per page, the right column on wide screens (always
   there; a hint until a clause is selected), a bottom sheet on narrow ones (open only for a
   selected clause). Selecting a clause (its marker, its "Cite" button, or a click on its text
   on wide screens) shows the citation tools, the clause's lineage (its section of the lineage
   page, fetched once per page and only then: the document page stays small however large the
   corpus) and the body of its note's <details>, moved into the panel; closing (Escape, the
   close button, selecting another clause) moves it back, so ids stay unique and printing
   finds the notes in place. */
(function () {
  "use strict";

  var WIDE = "(min-width: 76.25em)";
  var STORE = "palimpsest.citation-format";
  var wide = window.matchMedia ? window.matchMedia(WIDE) : { matches: true };

  /* --- forgiving anchors ------------------------------------------------------------------ */

  /* Same rules as anchors.shorthand_to_anchor: OP4 → op4, op-4 → op4, op1(a) → op1-a. */
  function shorthand(fragment) {
    var f = fragment.trim().toLowerCase();
    f = f.replace(/\(([a-z0-9]+)\)/g, "-$1");
    f = f.replace(/^(.*?\b)?(pp|op|p)[-_. ]+(\d)/, function (m, pre, kind, digit) {
      return (pre || "") + kind + digit;
    });
    return f.replace(/[-_. ]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // how a citation names the clause ("para. 1 (a)"): the accessible name of its number, the
  // first .pal-num inside it (its points come after)
  function labelOf(clause) {
    var num = clause.querySelector(".pal-num");
    return num ? num.getAttribute("aria-label") || "" : "";
  }

  function byEid(eid) {
    var nodes = document.querySelectorAll(".pal-clause[data-eid]");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getAttribute("data-eid") === eid) return nodes[i];
    }
    return null;
  }

  function jsonData(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  /* The clause a fragment means: its id, a redirected old anchor, a shorthand of it, or an
     Akoma Ntoso eId. */
  function resolve(fragment) {
    if (!fragment) return null;
    var exact = document.getElementById(fragment);
    if (exact) return exact;
    var moved = jsonData("pal-redirects") || {};
    var short = shorthand(fragment);
    var has = Object.prototype.hasOwnProperty;
    var target = has.call(moved, fragment) ? moved[fragment] : has.call(moved, short) ? moved[short] : null;
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
    /* wide screens: the panel shows the clause a link points at (phones: the text first) */
    if (panel && wide.matches && (!current || current.clause !== el)) openPanel(el, null, false, true);
  }

  /* --- citations (formats and rules: render/cite.py, docs/how-to-cite.md) ---------------- */

  function citeData() {
    return jsonData("pal-cite") || { url: "", formats: [] };
  }

  function clauseUrl(clause, data) {
    /* site_url's address when the build knew it; else this page's own address */
    var base = data.url || location.href.split("#")[0];
    return base + "#" + clause.id;
  }

  function fill(template, values) {
    return template.replace(/\{\{|\}\}|\{(label|pin_oscola|pin_bluebook|url)\}/g, function (m, key) {
      return key ? values[key] : m.charAt(0);
    });
  }

  /* a pinpoint from the label: the replacements of render/cite.py PIN_RULES, in order */
  function pin(data, style, label) {
    var rules = (data.pins || {})[style] || [];
    for (var i = 0; i < rules.length; i++) label = label.replace(new RegExp(rules[i][0], "g"), rules[i][1]);
    return label;
  }

  function citations(clause) {
    var data = citeData();
    var label = labelOf(clause) || clause.id;
    var values = {
      label: label,
      pin_oscola: pin(data, "oscola", label),
      pin_bluebook: pin(data, "bluebook", label),
      url: clauseUrl(clause, data)
    };
    var out = [];
    for (var i = 0; i < data.formats.length; i++) {
      var f = data.formats[i];
      out.push({ id: f.id, name: f.name, text: fill(f.template, values) });
    }
    if (!out.length) {
      out.push({ id: "short", name: "Short", text: values.url });
    }
    return out;
  }

  function chosenFormat() {
    try { return localStorage.getItem(STORE) || "short"; } catch (e) { return "short"; }
  }

  function rememberFormat(id) {
    try { localStorage.setItem(STORE, id); } catch (e) { /* private mode: not remembered */ }
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

  function copyText(text, status) {
    function say(ok) {
      status.textContent = ok ? "Copied" : "Select the text and copy it";
      setTimeout(function () { status.textContent = ""; }, 2500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(true); }, function () { say(fallbackCopy(text)); });
    } else {
      say(fallbackCopy(text));
    }
  }

  /* --- the panel ----------------------------------------------------------------------- */

  var panel = null;      /* the <aside class="pal-panel"> of this page */
  var current = null;    /* {clause, body, home, trigger} of the open clause */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    if (text) node.textContent = text;
    return node;
  }

  function buildPanel(doc) {
    var aside = el("aside", { "class": "pal-panel", id: "pal-panel", "aria-labelledby": "pal-panel-title", "data-search-exclude": "" });
    var inner = el("div", { "class": "pal-panel__inner" });
    var head = el("div", { "class": "pal-panel__head" });
    var title = el("p", { "class": "pal-panel__title", id: "pal-panel-title", tabindex: "-1" }, "Clause tools");
    var close = el("button", { type: "button", "class": "pal-panel__close", "aria-label": "Close the panel" }, "×");
    close.addEventListener("click", function () { closePanel(true); });
    head.appendChild(title);
    head.appendChild(close);
    inner.appendChild(head);
    inner.appendChild(el("p", { "class": "pal-panel__hint" },
      "Select a clause (its marker, its Cite button or its text) to see what it shares with other texts, its notes, and how to cite it."));
    inner.appendChild(el("div", { "class": "pal-panel__content" }));
    aside.appendChild(inner);
    doc.appendChild(aside);
    return aside;
  }

  function citeTool(clause) {
    var box = el("section", { "class": "pal-citetool", "aria-label": "Cite " + (labelOf(clause) || "") });
    var set = el("fieldset", {});
    set.appendChild(el("legend", {}, "Cite as"));
    var list = citations(clause);
    var chosen = chosenFormat();
    if (!list.some(function (f) { return f.id === chosen; })) chosen = list[0].id;
    var text = el("output", { "class": "pal-citetool__text", "aria-live": "polite" });
    list.forEach(function (f) {
      var label = el("label", {});
      var input = el("input", { type: "radio", name: "pal-cite-format", value: f.id });
      input.checked = f.id === chosen;
      input.addEventListener("change", function () {
        if (!input.checked) return;
        rememberFormat(f.id);
        text.textContent = f.text;
        text.setAttribute("data-format", f.id);
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(f.name));
      set.appendChild(label);
      if (f.id === chosen) { text.textContent = f.text; text.setAttribute("data-format", f.id); }
    });
    box.appendChild(set);
    box.appendChild(text);
    var copy = el("button", { type: "button", "class": "pal-citetool__copy" }, "Copy citation");
    var status = el("span", { "class": "pal-citetool__status", role: "status" });
    copy.addEventListener("click", function () { copyText(text.textContent, status); });
    box.appendChild(copy);
    box.appendChild(status);
    return box;
  }

  /* --- the clause's lineage: its section of the document's lineage page ------------------ */

  var lineagePages = {};  /* lineage page URL → promise of the parsed page */

  function lineagePage(url) {
    if (!lineagePages[url]) {
      lineagePages[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      }).then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
      lineagePages[url].catch(function () { delete lineagePages[url]; });  /* try again next time */
    }
    return lineagePages[url];
  }

  function markerOf(clause) {
    return clause.querySelector(":scope > .pal-aside > a.pal-marker");
  }

  function lineageSlot(clause) {
    var slot = el("div", { "class": "pal-panel__lineage", "data-search-exclude": "" });
    var marker = markerOf(clause);
    if (!marker) {
      slot.appendChild(el("p", { "class": "pal-aside__title pal-lineage__new" },
        "New in this text: no earlier text of the corpus shares its wording."));
      return slot;
    }
    var href = marker.href;
    var page = href.split("#")[0];
    var anchor = href.indexOf("#") >= 0 ? decodeURIComponent(href.slice(href.indexOf("#") + 1)) : clause.id;
    slot.setAttribute("aria-busy", "true");
    slot.appendChild(el("p", { "class": "pal-lineage__loading" }, "Loading what this clause shares with other texts…"));
    lineagePage(page).then(function (doc) {
      var section = doc.getElementById(anchor);
      var lineage = section && section.querySelector(".pal-lineage");
      if (!lineage) throw new Error("no lineage for " + anchor);
      var node = document.importNode(lineage, true);
      /* its links are relative to the lineage page */
      var links = node.querySelectorAll("a[href]");
      for (var i = 0; i < links.length; i++) links[i].setAttribute("href", new URL(links[i].getAttribute("href"), page).href);
      slot.textContent = "";
      slot.appendChild(node);
    }).catch(function () {
      slot.textContent = "";
      var p = el("p", { "class": "pal-lineage__fallback" });
      p.appendChild(el("a", { href: href }, "See what this clause shares with other texts"));
      slot.appendChild(p);
    }).then(function () { slot.removeAttribute("aria-busy"); });
    return slot;
  }

  /* "Add a note" for a clause without one: the document's link, with the clause's anchor */
  function addNote(clause) {
    var link = document.querySelector(".pal-header a.pal-add-note");
    if (!link) return null;
    var template = link.getAttribute("data-template");
    var mark = link.getAttribute("data-slot");
    var url = template && mark ? template.split(mark).join(encodeURIComponent(clause.id)) : link.href;
    var p = el("p", { "class": "pal-add-note", "data-search-exclude": "" });
    var a = el("a", { href: url, rel: "noopener" }, "Add a note");
    a.appendChild(el("span", { "class": "pal-sr-only" }, " to " + (labelOf(clause) || clause.id)));
    p.appendChild(a);
    return p;
  }

  function bodyOf(clause) {
    var details = clause.querySelector(":scope > .pal-aside > details.pal-more");
    return details ? details.querySelector(":scope > .pal-more__body") : null;
  }

  function closePanel(restoreFocus) {
    if (!current) return;
    var c = current;
    current = null;
    if (c.body && c.home) c.home.appendChild(c.body);
    c.clause.classList.remove("pal-selected");
    var triggers = c.clause.querySelectorAll(":scope > .pal-aside [aria-expanded]");
    for (var i = 0; i < triggers.length; i++) triggers[i].setAttribute("aria-expanded", "false");
    var content = panel.querySelector(".pal-panel__content");
    content.textContent = "";
    panel.classList.remove("pal-panel--open");
    panel.querySelector(".pal-panel__title").textContent = "Clause tools";
    if (restoreFocus && c.trigger && document.contains(c.trigger)) c.trigger.focus();
  }

  function openPanel(clause, trigger, focusCopy, keepFocus) {
    if (!panel || !clause) return;
    if (current && current.clause === clause) {
      if (focusCopy) panel.querySelector(".pal-citetool__copy").focus();
      return;
    }
    closePanel(false);
    var body = bodyOf(clause);
    current = { clause: clause, body: body, home: body ? body.parentNode : null, trigger: trigger };
    clause.classList.add("pal-selected");
    var symbol = (document.querySelector(".pal-header") || {}).getAttribute
      ? document.querySelector(".pal-header").getAttribute("data-symbol") : "";
    panel.querySelector(".pal-panel__title").textContent =
      (symbol ? symbol + ", " : "") + (labelOf(clause) || clause.id);
    var content = panel.querySelector(".pal-panel__content");
    content.appendChild(citeTool(clause));
    content.appendChild(lineageSlot(clause));
    if (body) content.appendChild(body);
    else {
      var add = addNote(clause);
      if (add) content.appendChild(add);
    }
    panel.classList.add("pal-panel--open");
    var triggers = clause.querySelectorAll(":scope > .pal-aside [aria-expanded]");
    for (var i = 0; i < triggers.length; i++) triggers[i].setAttribute("aria-expanded", "true");
    var target = focusCopy ? panel.querySelector(".pal-citetool__copy") : panel.querySelector(".pal-panel__title");
    if (target && !keepFocus) target.focus({ preventScroll: true });
    /* the bottom sheet covers the lower part of the screen: bring the clause to the top */
    if (!wide.matches) clause.scrollIntoView({ block: "start" });
  }

  /* One "Cite" button per clause, before its marker (a row under the clause's paragraph). */
  function addCiteButtons() {
    var clauses = document.querySelectorAll(".pal-document .pal-clause");
    for (var i = 0; i < clauses.length; i++) {
      var clause = clauses[i];
      var row = clause.querySelector(":scope > .pal-aside");
      if (!row) {
        row = el("div", { "class": "pal-aside" });
        var para = clause.querySelector(":scope > p");
        if (!para) continue;
        para.insertAdjacentElement("afterend", row);
      }
      if (row.querySelector(":scope > .pal-cite")) continue;
      var label = labelOf(clause) || clause.id;
      var button = el("button", { type: "button", "class": "pal-cite", "aria-expanded": "false",
        "aria-controls": "pal-panel", "aria-label": "Cite " + label + " (opens the panel)" }, "Cite");
      row.insertBefore(button, row.firstChild);
      var opens = row.querySelectorAll(":scope > details.pal-more > summary, :scope > a.pal-marker");
      for (var j = 0; j < opens.length; j++) {
        opens[j].setAttribute("aria-expanded", "false");
        opens[j].setAttribute("aria-controls", "pal-panel");
      }
    }
  }

  function setupPanel() {
    var doc = document.querySelector(".pal-document");
    if (!doc || doc.querySelector(":scope > .pal-panel")) return;
    document.documentElement.classList.add("pal-js");
    addCiteButtons();
    panel = buildPanel(doc);
  }

  /* --- footnotes open on tap ----------------------------------------------------------- */

  var lastPointer = "mouse";
  var popup = null;

  function closeFootnote(restoreFocus) {
    if (!popup) return;
    var ref = popup.ref;
    popup.node.remove();
    popup = null;
    if (restoreFocus && ref) ref.focus();
  }

  function openFootnote(ref) {
    closeFootnote(false);
    var id = decodeURIComponent((ref.getAttribute("href") || "").replace(/^#/, ""));
    var note = document.getElementById(id);
    if (!note) return false;
    var box = el("div", { "class": "pal-fnpop", role: "dialog", "aria-label": "Note " + ref.textContent.trim() });
    for (var i = 0; i < note.childNodes.length; i++) box.appendChild(note.childNodes[i].cloneNode(true));
    var backs = box.querySelectorAll(".footnote-backref");
    for (var j = 0; j < backs.length; j++) backs[j].remove();
    var close = el("button", { type: "button", "class": "pal-fnpop__close", "aria-label": "Close the note" }, "×");
    close.addEventListener("click", function () { closeFootnote(true); });
    box.appendChild(close);
    document.body.appendChild(box);
    var r = ref.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(window.scrollX + r.left - 16, window.scrollX + document.documentElement.clientWidth - width - 8));
    box.style.left = left + "px";
    box.style.top = (window.scrollY + r.bottom + 6) + "px";
    popup = { node: box, ref: ref };
    close.focus({ preventScroll: true });
    return true;
  }

  /* --- events -------------------------------------------------------------------------- */

  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType || "mouse"; }, true);

  document.addEventListener("click", function (event) {
    var t = event.target;
    if (!t.closest) return;
    if (popup && !t.closest(".pal-fnpop") && !t.closest("a.footnote-ref")) closeFootnote(false);

    var ref = t.closest("a.footnote-ref");
    var touch = lastPointer === "touch" || lastPointer === "pen" ||
      (window.matchMedia && window.matchMedia("(hover: none)").matches);
    if (ref && touch && openFootnote(ref)) { event.preventDefault(); return; }

    var cite = t.closest("button.pal-cite");
    if (cite) { openPanel(cite.closest(".pal-clause"), cite, true); return; }

    /* the marker opens the panel (a plain click; a new tab or window follows the link) */
    var marker = t.closest(".pal-aside > a.pal-marker");
    var plain = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
    var summary = t.closest("details.pal-more > summary") || (marker && plain ? marker : null);
    if (summary && panel) {
      event.preventDefault(); /* the panel shows the body instead of the details opening */
      var clause = summary.closest(".pal-clause");
      if (current && current.clause === clause) closePanel(true); else openPanel(clause, summary, false);
      return;
    }

    /* wide screens: a click on a clause's text selects it (not on a link, not a selection) */
    if (panel && wide.matches && !t.closest("a, button, summary, input, label, .pal-panel")) {
      var para = t.closest(".pal-document .pal-clause > p");
      var sel = window.getSelection && String(window.getSelection());
      if (para && !sel) openPanel(para.parentNode, null, false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (popup) { closeFootnote(true); event.preventDefault(); return; }
    if (current) { closePanel(true); event.preventDefault(); }
  });

  window.addEventListener("hashchange", highlight);
  /* printing shows every note in place */
  window.addEventListener("beforeprint", function () { closePanel(false); closeFootnote(false); });

  function setup() {
    current = null;
    panel = null;
    setupPanel();
    highlight();
  }

  /* Material's instant navigation swaps pages without reloading: follow its document$ */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

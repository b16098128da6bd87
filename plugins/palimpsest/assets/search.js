/* Palimpsest search: Pagefind, clause by clause.
 *
 * Nothing is downloaded until the reader types in the header box (or opens the search page
 * with a query): then Pagefind's script, the word chunks the query needs and the fragments of
 * the pages shown. Each page hit becomes clause hits: Pagefind records the word position of
 * every element with an id (every clause div) and of every matched word, so a match belongs to
 * the clause whose anchor precedes it; the page's metadata (search/records.py) gives each
 * clause's kind and label, so a hit is titled "A/RES/70/126, para. 4" and links to its anchor
 * with the matched words (?h=…), which this script marks on arrival.
 *
 * A symbol typed in any usual form (A/RES/70/126, 70/126, resolution 70/126,
 * S/RES/2334 (2016)) is turned into the symbol keys indexed with each document (the same rule
 * as search/records.py: symbol_keys), so that document comes first.
 */
(function () {
  "use strict";

  var PAGES_PER_BATCH = 5; // page fragments fetched per batch of results (each ~5–20 kB)
  var CLAUSES_PER_PAGE = 3; // clause hits shown per document before "n more"
  var EXCERPT_WORDS = 32;
  var SYMBOL = /^(?:(?:the\s+)?(?:draft\s+)?(?:general\s+assembly\s+|security\s+council\s+)?(?:resolution|res\.?|decision)\s+)?([a-z][a-z0-9.\-]*(?:\/[a-z0-9.\-]+)+|\d+(?:\/\d+)+|\d{3,5})(?:\s*\(\d{4}\))?\.?$/i;

  // --- where things are -------------------------------------------------------------------

  function siteRoot() {
    var base = ".";
    var cfg = document.getElementById("__config");
    if (cfg) {
      try { base = JSON.parse(cfg.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  var loading = null;
  function pagefind() {
    if (!loading) {
      var root = siteRoot();
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { return pf.init(); }).then(function () { return pf; });
      });
    }
    return loading;
  }

  // --- queries --------------------------------------------------------------------------

  function symbolKey(query) {
    var m = SYMBOL.exec(query.trim());
    if (!m) return null;
    var segments = m[1].toLowerCase().split("/").map(function (s) { return s.replace(/[^a-z0-9]/g, ""); })
      .filter(Boolean);
    return segments.length ? "sym" + segments.join("x") + "z" : null;
  }

  function parseFilters(params) {
    var filters = {};
    ["body", "session", "year"].forEach(function (name) {
      var v = params.get(name);
      if (v) filters[name] = v;
    });
    return filters;
  }

  /* A Search: pages in rank order (symbol hits first), fragments fetched batch by batch. */
  function Search(query, filters, kind) {
    this.query = query;
    this.filters = filters || {};
    this.kind = kind || "";
    this.pages = null;
    this.next = 0;
  }

  Search.prototype.start = function () {
    var self = this;
    return pagefind().then(function (pf) {
      var key = symbolKey(self.query);
      var text = self.query.replace(/\(\d{4}\)/g, " ").trim();
      var opts = { filters: self.filters };
      // a symbol: its key alone (a word in one document: one small index chunk); the words of
      // the query only when no document has that symbol (every word of "A/RES/70/126" is common)
      var first = key ? pf.search(key, opts) : Promise.resolve(null);
      return first.then(function (bySymbol) {
        var hit = bySymbol && bySymbol.results.length;
        return Promise.all([bySymbol, hit ? null : pf.search(text || null, opts)]);
      }).then(function (found) {
        var seen = {};
        self.pages = [];
        self.symbolHits = 0;
        found.forEach(function (res, i) {
          if (!res) return;
          res.results.forEach(function (r) {
            if (seen[r.id]) return;
            seen[r.id] = true;
            r.bySymbol = i === 0;
            if (i === 0) self.symbolHits++;
            self.pages.push(r);
          });
        });
        return self;
      });
    });
  };

  Search.prototype.more = function () {
    var batch = this.pages.slice(this.next, this.next + PAGES_PER_BATCH);
    this.next += batch.length;
    var self = this;
    return Promise.all(batch.map(function (r) {
      return r.data().then(function (d) { return toResult(d, r.bySymbol, self.kind); });
    })).then(function (results) { return results.filter(Boolean); });
  };

  Search.prototype.hasMore = function () { return this.pages && this.next < this.pages.length; };

  // --- page hit → clause hits -------------------------------------------------------------

  function clauseOf(id, clauses) {
    // an id inside a clause ("op4-note") belongs to it; footnotes ("fn:2") and headings to none
    while (id) {
      if (Object.prototype.hasOwnProperty.call(clauses, id)) return id;
      var cut = id.lastIndexOf("-");
      if (cut <= 0) return null;
      id = id.slice(0, cut);
    }
    return null;
  }

  // the page's clauses, "anchor|kind|label;…" (search/records.py clause_list) → {anchor: [kind, label]}
  var KINDS = { pp: "preambular", op: "operative", pa: "paragraph", pt: "point" };
  function clauseList(text) {
    var out = {};
    text.split(";").forEach(function (item) {
      var f = item.split("|");
      if (f.length !== 3 || !KINDS[f[1]]) return;
      try { out[f[0]] = [KINDS[f[1]], decodeURIComponent(f[2])]; } catch (e) { /* a damaged label: skip */ }
    });
    return out;
  }

  function toResult(d, bySymbol, kind) {
    var meta = d.meta || {};
    var clauses = clauseList(meta.clauses || "");
    var words = (d.content || "").split(/[\r\n\s]+/g);
    // clause anchors, and the boundaries that end a clause's text (headings, footnotes);
    // other ids (footnote call-outs "fnref:2", a note "op4-note") lie inside a clause
    var anchors = [];
    (d.anchors || []).forEach(function (a) {
      var clause = clauseOf(a.id, clauses);
      if (clause || /^h[1-6]$/i.test(a.element) || /^fn:/.test(a.id)) anchors.push({ location: a.location, clause: clause, id: a.id });
    });
    anchors.sort(function (a, b) { return a.location - b.location; });
    var rootUrl = siteRoot();
    var pageUrl = new URL((d.raw_url || d.url || "").replace(/^\//, ""), rootUrl);
    var hits = {};
    var order = [];
    var weighted = d.weighted_locations && d.weighted_locations.length ? d.weighted_locations
      : (d.locations || []).map(function (l) { return { location: l, balanced_score: 1 }; });
    weighted.forEach(function (w) {
      var at = -1;
      for (var i = 0; i < anchors.length && anchors[i].location <= w.location; i++) at = i;
      var anchor = at >= 0 ? anchors[at].clause : null;
      if (!anchor) return; // a match in the title, the symbol keys, a footnote: counts for the page
      if (kind && clauses[anchor][0] !== kind) return;
      if (!hits[anchor]) {
        var end = words.length;
        for (var j = at + 1; j < anchors.length; j++) {
          if (anchors[j].location > anchors[at].location && anchors[j].clause !== anchor) { end = anchors[j].location; break; }
        }
        hits[anchor] = { anchor: anchor, score: 0, locations: [], start: anchors[at].location, end: end };
        order.push(anchor);
      }
      hits[anchor].score += w.balanced_score || 1;
      hits[anchor].locations.push(w.location);
    });
    var list = order.map(function (a) { return hits[a]; }).sort(function (a, b) { return b.score - a.score; });
    if (kind && !list.length) return null;
    return {
      symbol: meta.symbol || "",
      title: meta.doc_title || meta.title || "",
      date: meta.date || "",
      url: pageUrl,
      bySymbol: bySymbol,
      isDocument: !!meta.symbol,
      pageExcerpt: d.excerpt || "",
      clauses: list.map(function (h) {
        return {
          anchor: h.anchor,
          kind: clauses[h.anchor][0],
          label: clauses[h.anchor][1],
          words: excerpt(words, h),
          terms: matched(words, h.locations),
        };
      }),
    };
  }

  function excerpt(words, hit) {
    var first = Math.min.apply(null, hit.locations);
    var from = Math.max(hit.start, Math.min(first - Math.floor(EXCERPT_WORDS / 3), hit.end - EXCERPT_WORDS));
    var to = Math.min(hit.end, from + EXCERPT_WORDS);
    var marks = {};
    hit.locations.forEach(function (l) { marks[l] = true; });
    var out = [];
    for (var i = from; i < to; i++) out.push({ text: words[i], mark: !!marks[i] });
    return { parts: out, before: from > hit.start, after: to < hit.end };
  }

  function matched(words, locations) {
    var seen = {};
    return locations.map(function (l) { return (words[l] || "").replace(/^[^\w]+|[^\w]+$/g, ""); })
      .filter(function (w) { var k = w.toLowerCase(); if (!w || seen[k]) return false; seen[k] = true; return true; });
  }

  // --- rendering (DOM nodes and textContent only: no HTML from the index) ---------------

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function landing(url, anchor, terms) {
    var u = new URL(url.href);
    if (terms && terms.length) u.searchParams.set("h", terms.join(" "));
    u.hash = anchor || "";
    return u.href;
  }

  function renderResult(r, list, compact) {
    var perPage = compact ? 2 : CLAUSES_PER_PAGE;
    if (r.bySymbol || !r.clauses.length) {
      var li = el("li", "pal-result pal-result--document");
      var a = el("a", "pal-result__title", r.isDocument ? r.symbol : r.title);
      a.href = landing(r.url, "", []);
      li.appendChild(a);
      if (r.isDocument) li.appendChild(el("p", "pal-result__doc", r.title + (r.date ? " · " + r.date : "")));
      list.appendChild(li);
      if (r.bySymbol) return;
    }
    r.clauses.slice(0, perPage).forEach(function (c) {
      var li = el("li", "pal-result pal-result--clause");
      li.dataset.kind = c.kind;
      var a = el("a", "pal-result__title", (r.symbol ? r.symbol + ", " : "") + c.label);
      a.href = landing(r.url, c.anchor, c.terms);
      li.appendChild(a);
      if (!compact) li.appendChild(el("p", "pal-result__doc", r.title));
      var p = el("p", "pal-result__excerpt");
      if (c.words.before) p.appendChild(document.createTextNode("… "));
      c.words.parts.forEach(function (w, i) {
        if (i) p.appendChild(document.createTextNode(" "));
        p.appendChild(w.mark ? el("mark", null, w.text) : document.createTextNode(w.text));
      });
      if (c.words.after) p.appendChild(document.createTextNode(" …"));
      li.appendChild(p);
      list.appendChild(li);
    });
    var rest = r.clauses.length - perPage;
    if (rest > 0) {
      var more = el("li", "pal-result pal-result--more");
      var link = el("a", null, rest + " more matching clause" + (rest === 1 ? "" : "s") + " in " + (r.symbol || r.title));
      link.href = landing(r.url, r.clauses[perPage].anchor, r.clauses[perPage].terms);
      more.appendChild(link);
      list.appendChild(more);
    }
  }

  function count(search) {
    var n = search.pages.length;
    return n ? n + " document" + (n === 1 ? "" : "s") + " found" : "Nothing found";
  }

  // --- the header box ---------------------------------------------------------------------

  function headerBox(box) {
    var form = box.querySelector("form");
    var input = box.querySelector("input[name=q]");
    var panel = box.querySelector(".pal-search__panel");
    var status = panel.querySelector(".pal-search__status");
    var list = panel.querySelector(".pal-search__results");
    var all = panel.querySelector(".pal-search__all a");
    var timer = null;
    var serial = 0;

    function close() { panel.hidden = true; }

    function run() {
      var q = input.value.trim();
      var mine = ++serial;
      if (!q) { close(); return; }
      panel.hidden = false;
      status.textContent = "Searching…";
      var u = new URL(form.action, location.href);
      u.searchParams.set("q", q);
      all.href = u.href;
      var s = new Search(q);
      s.start().then(function () { return s.more(); }).then(function (results) {
        if (mine !== serial) return;
        list.textContent = "";
        results.slice(0, 5).forEach(function (r) { renderResult(r, list, true); });
        status.textContent = count(s);
      }).catch(function (err) {
        if (mine !== serial) return;
        status.textContent = "Search is unavailable: " + (err && err.message ? err.message : err);
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 180);
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") { close(); input.blur(); } });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) close(); });
    input.addEventListener("focus", function () { if (input.value.trim() && list.childNodes.length) panel.hidden = false; });
  }

  // --- the search page ----------------------------------------------------------------------

  function searchPage(form) {
    var main = form.parentNode;
    var status = main.querySelector(".pal-search-page__status");
    var list = main.querySelector(".pal-search-page__results");
    var moreButton = main.querySelector(".pal-search__more");
    var current = null;

    function fill(params) {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && params.has(field.name)) field.value = params.get(field.name);
      });
    }

    function show(search) {
      return search.more().then(function (results) {
        if (search !== current) return;
        results.forEach(function (r) { renderResult(r, list, false); });
        moreButton.hidden = !search.hasMore();
      });
    }

    function run(params) {
      var q = (params.get("q") || "").trim();
      var filters = parseFilters(params);
      var kind = params.get("kind") || "";
      list.textContent = "";
      moreButton.hidden = true;
      if (!q && !Object.keys(filters).length) { status.textContent = "Type words, a phrase or a symbol."; return; }
      status.textContent = "Searching…";
      var s = current = new Search(q, filters, kind);
      s.start().then(function () {
        if (s !== current) return;
        return show(s).then(function () {
          if (s === current) status.textContent = count(s) + (kind ? " (clauses of the chosen kind only)" : "");
        });
      }).catch(function (err) {
        status.textContent = "Search is unavailable: " + (err && err.message ? err.message : err);
      });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var params = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && field.value) params.set(field.name, field.value);
      });
      history.replaceState(null, "", "?" + params.toString());
      run(params);
    });
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
      s.addEventListener("change", function () { form.requestSubmit(); });
    });
    moreButton.addEventListener("click", function () { if (current) show(current); });
    var params = new URLSearchParams(location.search);
    fill(params);
    run(params);
  }

  // --- landing on a clause: mark the words that matched -----------------------------------

  function markTerms() {
    var params = new URLSearchParams(location.search);
    var terms = (params.get("h") || "").split(/\s+/).filter(function (t) { return t.length > 1; });
    if (!terms.length) return;
    var target = (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) ||
      document.querySelector(".pal-document");
    if (!target) return;
    var escaped = terms.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var re = new RegExp("(^|[^\\w])(" + escaped.join("|") + ")(?=[^\\w]|$)", "gi");
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.parentNode.closest(".pal-lineage, .pal-permalink, script, style, mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      re.lastIndex = 0;
      if (!re.test(text)) return;
      re.lastIndex = 0;
      var frag = document.createDocumentFragment();
      var last = 0;
      var m;
      while ((m = re.exec(text))) {
        var start = m.index + m[1].length;
        frag.appendChild(document.createTextNode(text.slice(last, start)));
        frag.appendChild(el("mark", "pal-hit", m[2]));
        last = start + m[2].length;
      }
      frag.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(frag, node);
    });
  }

  // for tests and other scripts: the query → symbol key rule (search/records.py: symbol_keys)
  window.palimpsestSearch = { symbolKey: symbolKey };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pal-search]"), headerBox);
    var page = document.querySelector("[data-pal-search-page]");
    if (page) searchPage(page);
    markTerms();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

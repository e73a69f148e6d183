/* ipportal search: the search page and the 404 page's search, over js/search-engine.js (the
   tokenizer, the ranking and the index files, loaded first). No dependencies and nothing from
   another host.

   1. Fetching: the index's gzip-compressed files, on demand.
   2. Excerpts and sub-results: the words of the query found again in a result's text.
   3. The search page: URL state (?q=…&type=brief&lang=zh,en), facets, results, keyboard.
   Everything that comes from content is put into the page as text (textContent), never as HTML. */
(function () {
  "use strict";

  var engine = window.IpportalSearch;

  /* ---- 1. Fetching ---------------------------------------------------------------------- */

  // A gzip file as bytes; a host that already decompressed it gets used as it is.
  function fetchBytes(url, fresh) {
    return fetch(url, fresh ? { cache: "no-cache" } : undefined).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
    });
  }

  /* ---- 2. Excerpts and sub-results ------------------------------------------------------
     The fragment's text is tokenized again, here, to find the query's terms in it (one more
     place where both tokenizers must agree). */

  function matchRanges(text, terms) {
    var ranges = [];
    engine.eachToken(text, function (term, position, kind, span, start, end) {
      for (var i = 0; i < terms.length; i++) {
        var q = terms[i];
        if (term === q.term || (q.prefix && term.startsWith(q.term))) {
          ranges.push({ start: start, end: end, term: i });
          return;
        }
      }
    });
    ranges.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
    return ranges;
  }

  function distinct(ranges) {
    var seen = new Set();
    ranges.forEach(function (r) { seen.add(r.term); });
    return seen.size;
  }

  // The section with the most of the query's terms (a heading match counts twice).
  function bestSection(fragment, terms) {
    var best = null;
    fragment.sections.forEach(function (s, i) {
      var score = 2 * distinct(matchRanges(s[1], terms)) + distinct(matchRanges(s[2], terms));
      if (score > 0 && (!best || score > best.score)) best = { index: i, score: score };
    });
    return best ? fragment.sections[best.index] : fragment.sections[0];
  }

  var EXCERPT = 140, CONTEXT = 30;

  // {text, ranges, cutStart, cutEnd}: about EXCERPT characters around the densest matches.
  function excerpt(text, terms) {
    var ranges = matchRanges(text, terms), from = 0;
    if (ranges.length) {
      var bestCount = -1;
      ranges.forEach(function (r) {
        var inside = ranges.filter(function (x) { return x.start >= r.start && x.end <= r.start + EXCERPT - CONTEXT; });
        var n = distinct(inside);
        if (n > bestCount) { bestCount = n; from = r.start; }
      });
      from = Math.max(0, from - CONTEXT);
    }
    var to = Math.min(text.length, from + EXCERPT);
    // Never cut a surrogate pair in two.
    if (from > 0 && /[\udc00-\udfff]/.test(text[from])) from--;
    if (to < text.length && /[\udc00-\udfff]/.test(text[to])) to++;
    return { text: text, ranges: ranges, from: from, to: to };
  }

  // Appends text[from, to) to `el`, the matched ranges in <mark>.
  function appendHighlighted(el, text, ranges, from, to) {
    var at = from;
    var merged = [];
    ranges.forEach(function (r) {
      var s = Math.max(r.start, from), e = Math.min(r.end, to);
      if (s >= e) return;
      var last = merged[merged.length - 1];
      if (last && s <= last.end) last.end = Math.max(last.end, e);
      else merged.push({ start: s, end: e });
    });
    merged.forEach(function (r) {
      if (r.start > at) el.appendChild(document.createTextNode(text.slice(at, r.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r.start, r.end);
      el.appendChild(mark);
      at = r.end;
    });
    if (at < to) el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  /* ---- 3. The search page ---------------------------------------------------------------- */

  var PAGE = 10;

  function Searcher(base, languages) {
    this.base = base;
    this.indexes = {};
    this.languages = languages;
  }

  Searcher.prototype.index = function (lang) {
    if (!this.indexes[lang]) this.indexes[lang] = new engine.Index(this.base, lang, fetchBytes);
    return this.indexes[lang];
  };

  // Every result of `query` in `langs` (the first language's results first).
  // The synonym groups (site.toml's [search] synonyms) come with the first language's entry.bin.
  Searcher.prototype.search = function (query, langs) {
    var self = this, terms;
    if (!engine.tokenize(query).length) return Promise.resolve({ terms: [], results: [] });
    return this.index(langs[0]).ready().then(function (entry) {
      terms = engine.analyse(query, entry.synonyms);
      return Promise.all(langs.map(function (lang) { return self.index(lang).search(terms); }));
    }).then(function (perLanguage) {
      var results = [];
      perLanguage.forEach(function (l) {
        l.hits.forEach(function (hit) { results.push({ index: l.index, facets: l.facets, hit: hit }); });
      });
      return { terms: terms, results: results };
    });
  };

  function readLabels(root) {
    var labels = { facet: {}, text: {} }, order = {};
    root.querySelectorAll("[data-facet]").forEach(function (el) {
      var facet = el.getAttribute("data-facet"), key = el.getAttribute("data-key");
      (labels[facet] = labels[facet] || {})[key] = el.textContent;
      (order[facet] = order[facet] || []).push(key);
    });
    root.querySelectorAll("[data-text]").forEach(function (el) {
      labels.text[el.getAttribute("data-text")] = el.textContent;
    });
    labels.order = order;
    return labels;
  }

  // Words of the missing page's path, for the 404 page: /guides/patent-searh/ → "guides patent searh".
  function wordsOfPath(path, basePath, languages) {
    var rest = path.indexOf(basePath) === 0 ? path.slice(basePath.length) : path;
    try { rest = decodeURIComponent(rest); } catch (e) { /* keep it encoded */ }
    return rest.split(/[\/\-_.+]+/).filter(function (w) {
      return w && languages.indexOf(w) < 0 && !/^(index|html?|page|\d+)$/.test(w);
    }).join(" ");
  }

  function SearchPage(root) {
    this.root = root;
    this.lang = root.getAttribute("data-lang");
    this.languages = (root.getAttribute("data-languages") || this.lang).split(",");
    this.searcher = new Searcher(root.getAttribute("data-index"), this.languages);
    this.labels = readLabels(root);
    this.facetNames = this.labels.order.facet || [];
    this.input = root.querySelector("#search-input");
    this.list = root.querySelector("#search-results");
    this.status = root.querySelector("#search-status");
    this.facetBox = root.querySelector("#search-facets");
    this.more = root.querySelector("#search-more");
    this.run = 0;
    this.filters = {};
    var fromPath = root.hasAttribute("data-from-path");
    // A missing page's address is often in another language than its 404 page: search them all.
    this.langs = fromPath ? [this.lang].concat(this.languages.filter(function (l) { return l !== root.getAttribute("data-lang"); })) : [this.lang];
    this.readUrl(fromPath);
    this.listen();
    if (this.input.value.trim()) this.update();
  }

  SearchPage.prototype.text = function (key) { return this.labels.text[key] || ""; };

  SearchPage.prototype.facetName = function (param) {
    if (this.facetNames.indexOf(param) >= 0) return param;
    if (this.facetNames.indexOf(param + "s") >= 0) return param + "s"; // ?discipline= as well
    return null;
  };

  SearchPage.prototype.readUrl = function (fromPath) {
    var self = this, params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    if (!this.input.value && fromPath) {
      var base = this.root.getAttribute("data-base-path") || "/";
      this.input.value = wordsOfPath(location.pathname, base, this.languages);
    }
    params.forEach(function (value, key) {
      var values = value.split(",").filter(Boolean);
      if (key === "lang") {
        var langs = values.filter(function (l) { return self.languages.indexOf(l) >= 0; });
        if (langs.length) {
          // The page's own language first: its results are listed first.
          self.langs = [self.lang].concat(langs.filter(function (l) { return l !== self.lang; }));
          if (langs.indexOf(self.lang) < 0) self.langs = langs;
        }
        return;
      }
      var name = self.facetName(key);
      if (!name) return;
      self.filters[name] = self.filters[name] || new Set();
      values.forEach(function (v) { self.filters[name].add(v); });
    });
  };

  SearchPage.prototype.writeUrl = function () {
    if (this.root.hasAttribute("data-from-path")) return;
    var params = new URLSearchParams(), self = this;
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    Object.keys(this.filters).forEach(function (name) {
      if (self.filters[name].size) params.set(name, Array.from(self.filters[name]).join(","));
    });
    if (this.langs.length !== 1 || this.langs[0] !== this.lang) params.set("lang", this.langs.join(","));
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  };

  SearchPage.prototype.listen = function () {
    var self = this, timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.update(); }, 120);
    });
    var form = this.input.form;
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        self.update();
      });
    }
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = self.links()[0];
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    this.list.addEventListener("keydown", function (event) { self.onResultKey(event); });
    this.more.addEventListener("click", function () { self.showMore(); });
  };

  SearchPage.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a.search-result-link"));
  };

  // Arrows move through the results (up from the first returns to the box); Enter opens one.
  SearchPage.prototype.onResultKey = function (event) {
    var links = this.links(), at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < links.length) {
      event.preventDefault();
      links[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? links[at - 1] : this.input).focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      location.assign(links[at].href);
    }
  };

  SearchPage.prototype.update = function () {
    var self = this, run = ++this.run, query = this.input.value;
    this.writeUrl();
    if (!query.trim()) {
      this.shown = [];
      return this.render([], true, run);
    }
    this.status.textContent = this.text("loading");
    return this.searcher.search(query, this.langs).then(function (found) {
      if (run !== self.run) return;
      self.terms = found.terms;
      self.all = found.results;
      return self.refresh(run);
    }).catch(function (error) { self.fail(run, error); });
  };

  // A search that cannot finish (an index file missing or damaged) says so instead of loading forever.
  SearchPage.prototype.fail = function (run, error) {
    if (run !== this.run) return;
    this.status.textContent = this.text("error");
    this.root.setAttribute("data-error", String(error && error.message || error));
  };

  // The values of facet `name` of a document, as keys.
  function facetValues(result, name) {
    if (name === "lang") return [result.index.lang];
    var f = result.facets[name];
    if (!f) return [];
    var v = f.docs[result.hit.doc];
    if (v === null || v === undefined) return [];
    return (typeof v === "number" ? [v] : v).map(function (i) { return f.values[i]; });
  }

  function matches(result, filters, except) {
    return Object.keys(filters).every(function (name) {
      if (name === except || !filters[name].size) return true;
      return facetValues(result, name).some(function (v) { return filters[name].has(v); });
    });
  }

  // Applies the facets to the results of the last search and shows them.
  SearchPage.prototype.refresh = function (run) {
    var self = this;
    var kept = this.all.filter(function (r) { return matches(r, self.filters, null); });
    var complete = kept.filter(function (r) { return r.hit.tier > 0; });
    // Pages with only some of the words are shown only when fewer than a page have them all.
    this.shown = complete.length >= PAGE ? complete : complete.concat(kept.filter(function (r) { return r.hit.tier === 0; }));
    this.completeCount = complete.length;
    var pool = this.all.some(function (r) { return r.hit.tier > 0; })
      ? this.all.filter(function (r) { return r.hit.tier > 0; }) : this.all;
    this.renderFacets(pool);
    return this.render(this.shown.slice(0, PAGE), true, run);
  };

  SearchPage.prototype.showMore = function () {
    var have = this.list.querySelectorAll("li.search-result").length;
    return this.render(this.shown.slice(have, have + PAGE), false, this.run);
  };

  // Renders `results`, replacing the list or appending to it.
  SearchPage.prototype.render = function (results, replace, run) {
    var self = this;
    return Promise.all(results.map(function (r) { return r.index.fragment(r.hit); })).then(function (fragments) {
      if (run !== self.run) return;
      if (replace) self.list.textContent = "";
      var partialNoted = self.list.querySelector(".search-partial-note") !== null;
      fragments.forEach(function (fragment, k) {
        var item = self.item(fragment, results[k]);
        if (results[k].hit.tier === 0 && !partialNoted) {
          var note = document.createElement("p");
          note.className = "search-partial-note";
          note.textContent = self.text("partial");
          item.insertBefore(note, item.firstChild);
          partialNoted = true;
        }
        self.list.appendChild(item);
      });
      var total = self.shown ? self.shown.length : 0;
      var shownCount = self.list.querySelectorAll("li.search-result").length;
      self.more.hidden = shownCount >= total;
      if (!self.input.value.trim()) self.status.textContent = "";
      else if (!total) self.status.textContent = self.text("none");
      else self.status.textContent = self.text("count_before") + total + self.text("count_after");
      self.root.setAttribute("data-ready", String(self.run));
    }).catch(function (error) { self.fail(run, error); });
  };

  SearchPage.prototype.item = function (fragment, result) {
    var terms = this.terms, li = document.createElement("li");
    li.className = "search-result" + (result.hit.tier === 0 ? " search-result-partial" : "");
    li.lang = result.index.lang;
    var section = bestSection(fragment, terms);
    // The top of the page needs no heading: its first section in its first piece.
    var within = section && section[0] && (fragment.piece > 1 || section !== fragment.sections[0]);
    var a = document.createElement("a");
    a.className = "search-result-link";
    var url = /^(\/|https?:)/.test(fragment.url) ? fragment.url : "#";
    a.href = url + (within ? "#" + section[0] : "");
    var type = document.createElement("span");
    type.className = "type-badge type-" + fragment.type + " search-result-type";
    type.textContent = (this.labels.type || {})[fragment.type] || fragment.type;
    a.appendChild(type);
    var title = document.createElement("span");
    title.className = "search-result-title";
    appendHighlighted(title, fragment.title, matchRanges(fragment.title, terms), 0, fragment.title.length);
    a.appendChild(title);
    if (within && section[1]) {
      var sub = document.createElement("span");
      sub.className = "search-result-section";
      appendHighlighted(sub, section[1], matchRanges(section[1], terms), 0, section[1].length);
      a.appendChild(sub);
    }
    li.appendChild(a);
    var text = section ? section[2] : "";
    if (text) {
      var e = excerpt(text, terms), p = document.createElement("p");
      p.className = "search-result-excerpt";
      if (e.from > 0) p.appendChild(document.createTextNode("…"));
      appendHighlighted(p, e.text, e.ranges, e.from, e.to);
      if (e.to < text.length) p.appendChild(document.createTextNode("…"));
      li.appendChild(p);
    }
    var meta = [];
    if (fragment.date) meta.push(fragment.date);
    if (result.index.lang !== this.lang) meta.push((this.labels.lang || {})[result.index.lang] || result.index.lang);
    if (meta.length) {
      var m = document.createElement("p");
      m.className = "search-result-meta";
      m.textContent = meta.join(" · ");
      li.appendChild(m);
    }
    return li;
  };

  SearchPage.prototype.renderFacets = function (pool) {
    var self = this, box = this.facetBox;
    box.textContent = "";
    this.facetNames.forEach(function (name) {
      var counts = new Map();
      pool.forEach(function (r) {
        if (!matches(r, self.filters, name)) return;
        new Set(facetValues(r, name)).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
      });
      var selected = self.filters[name] || new Set();
      var values = name === "lang" ? self.languages.slice() : self.ordered(name, counts, selected);
      if (!values.length) return;
      var fieldset = document.createElement("fieldset");
      fieldset.className = "search-facet";
      fieldset.setAttribute("data-facet-name", name);
      var legend = document.createElement("legend");
      legend.textContent = self.labels.facet[name] || name;
      fieldset.appendChild(legend);
      values.forEach(function (value) {
        var label = document.createElement("label"), box = document.createElement("input");
        box.type = "checkbox";
        box.value = value;
        box.checked = box.defaultChecked = name === "lang" ? self.langs.indexOf(value) >= 0 : selected.has(value);
        box.addEventListener("change", function () { self.toggle(name, value, box.checked); });
        label.appendChild(box);
        var text = document.createElement("span");
        text.textContent = ((self.labels[name] || {})[value]) || value;
        label.appendChild(text);
        var loaded = name !== "lang" || self.langs.indexOf(value) >= 0;
        if (loaded) {
          var count = document.createElement("span");
          count.className = "search-facet-count";
          count.textContent = String(counts.get(value) || 0);
          label.appendChild(count);
        }
        fieldset.appendChild(label);
      });
      box.appendChild(fieldset);
    });
  };

  // The values to offer: those with results, and those selected; in vocabulary order, years newest first.
  SearchPage.prototype.ordered = function (name, counts, selected) {
    var values = Array.from(new Set(Array.from(counts.keys()).concat(Array.from(selected))));
    var order = this.labels.order[name] || [];
    values.sort(function (a, b) {
      if (name === "year") return b.localeCompare(a);
      var ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.localeCompare(b);
    });
    return values;
  };

  SearchPage.prototype.toggle = function (name, value, on) {
    if (name === "lang") {
      var langs = this.langs.filter(function (l) { return l !== value; });
      if (on) langs.push(value);
      if (!langs.length) langs = [this.lang];
      var self = this;
      this.langs = this.languages.filter(function (l) { return langs.indexOf(l) >= 0; });
      // The page's language stays first.
      this.langs.sort(function (a, b) { return (a === self.lang ? 0 : 1) - (b === self.lang ? 0 : 1); });
      return this.update();
    }
    this.filters[name] = this.filters[name] || new Set();
    if (on) this.filters[name].add(value); else this.filters[name].delete(value);
    this.writeUrl();
    return this.refresh(++this.run);
  };

  /* For tests and the benchmark: the engine with the page's loader, without the page. */
  engine.Searcher = Searcher;

  var root = document.getElementById("search");
  if (root) engine.page = new SearchPage(root);
})();

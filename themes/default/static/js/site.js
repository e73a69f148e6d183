/* ipportal default theme: small enhancements; every page works without them.
   1. On narrow screens the main navigation collapses behind a menu button.
   2. The table of contents starts folded on narrow screens and marks the section being read.
   3. "/" focuses the search box (the search page's own box when there is one).
   4. Patent numbers without a link (CNIPA) get a working "copy number" button.
   5. The cases list can be filtered by discipline, service theme and stage, across its pages.
   6. The service catalogue can be filtered by audience and stage.
   6. A brief's "print / save as PDF" button. */
(function () {
  "use strict";

  // A fragment as the id it names. A lone `%` (a heading `{#50%}`) is not valid percent-encoding
  // and makes decodeURIComponent throw, which would stop every enhancement below it.
  function decodeFragment(fragment) {
    try {
      return decodeURIComponent(fragment);
    } catch (e) {
      return fragment;
    }
  }

  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    nav.classList.add("is-collapsible");
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    var box = document.getElementById("search-input") || document.getElementById("site-search-q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // On narrow screens the table of contents starts folded, above the text.
  var tocBox = document.querySelector(".doc-toc details");
  if (tocBox && window.matchMedia && window.matchMedia("(max-width: 63.99em)").matches) {
    tocBox.open = false;
  }

  var tocLinks = document.querySelectorAll(".doc-toc a[href^='#']");
  if (tocLinks.length && "IntersectionObserver" in window) {
    var byId = {};
    var headings = [];
    Array.prototype.forEach.call(tocLinks, function (link) {
      var id = decodeFragment(link.getAttribute("href").slice(1));
      var heading = document.getElementById(id);
      if (heading) {
        byId[id] = link;
        headings.push(heading);
      }
    });
    var current = null;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        if (current) current.classList.remove("is-active");
        current = byId[entry.target.id];
        if (current) current.classList.add("is-active");
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    headings.forEach(function (h) { observer.observe(h); });
  }

  // CNIPA has no link by number: copy it for its search form instead.
  if (navigator.clipboard) {
    Array.prototype.forEach.call(document.querySelectorAll(".patent-copy"), function (button) {
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          button.textContent = document.documentElement.lang === "zh" ? "已复制" : "Copied";
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }

  // Without this script the button could do nothing, so it stays hidden (the browser's own
  // print command still gives the print layout).
  Array.prototype.forEach.call(document.querySelectorAll(".print-action"), function (action) {
    var button = action.querySelector(".print-button");
    if (!button || typeof window.print !== "function") return;
    action.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Case filters: each list item carries its terms in data-<taxonomy>="key key ". When the list
  // has several pages, setting a filter fetches the others (same site, once) so that it covers
  // every case, in page order; the choice is kept in the address (?disciplines=…) for a link.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-filter-list]"), function (form) {
    var list = document.getElementById(form.getAttribute("data-filter-list"));
    if (!list) return;
    var status = form.querySelector(".filter-status");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var pager = list.parentNode.querySelector(".pagination");
    var everyPage = null;

    function pageItems(url) {
      return fetch(url).then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) {
          var other = new DOMParser().parseFromString(html, "text/html").getElementById(list.id);
          return other ? Array.prototype.slice.call(other.children) : [];
        })
        .catch(function () { return []; });
    }

    // The other pages' items, put into the list in page order, marked data-other-page.
    function loadEveryPage() {
      if (everyPage) return everyPage;
      var links = pager ? Array.prototype.slice.call(pager.querySelectorAll(".pagination-num a")) : [];
      var mine = Array.prototype.slice.call(list.children);
      everyPage = Promise.all(links.map(function (a) {
        return a.getAttribute("aria-current") ? Promise.resolve(mine) : pageItems(a.href);
      })).then(function (pages) {
        pages.forEach(function (items) {
          items.forEach(function (item) {
            if (mine.indexOf(item) < 0) {
              item = document.importNode(item, true);
              item.setAttribute("data-other-page", "");
            }
            list.appendChild(item);
          });
        });
      });
      return everyPage;
    }

    function writeAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value); else params.delete(select.name);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    var runs = 0;
    var apply = function () {
      var run = ++runs;
      var filtering = selects.some(function (select) { return select.value; });
      var ready = filtering && pager ? loadEveryPage() : Promise.resolve();
      return ready.then(function () {
        if (run !== runs) return; // a later choice was made while the pages loaded
        var shown = 0;
        Array.prototype.forEach.call(list.children, function (item) {
          var match = selects.every(function (select) {
            var terms = " " + (item.getAttribute("data-" + select.name) || "") + " ";
            return !select.value || terms.indexOf(" " + select.value + " ") >= 0;
          });
          if (!filtering && item.hasAttribute("data-other-page")) match = false;
          item.hidden = !match;
          if (match) shown += 1;
        });
        if (pager) pager.hidden = filtering;
        if (status) status.textContent = (status.getAttribute("data-template") || "{n}").replace("{n}", shown);
        form.setAttribute("data-ready", "");
      });
    };

    var asked = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var value = asked.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (value && known) select.value = value;
    });
    form.hidden = false;
    form.addEventListener("change", function () { writeAddress(); apply(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  });

  // The service catalogue's filters: by audience and by stage, over every card and table row
  // (each carries data-audiences and data-stages); a group left empty is hidden; the choice is
  // kept in the address (?audiences=…&stages=…), so the home page can link a filtered view.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-catalogue-filter]"), function (form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector(".filter-status");
    var items = document.querySelectorAll(".catalogue-item, .service-row");
    var groups = document.querySelectorAll(".catalogue-group");
    function apply() {
      var shown = 0;
      Array.prototype.forEach.call(items, function (item) {
        var match = selects.every(function (select) {
          var terms = " " + (item.getAttribute("data-" + select.name) || "") + " ";
          return !select.value || terms.indexOf(" " + select.value + " ") >= 0;
        });
        item.hidden = !match;
        if (match && item.classList.contains("service-row")) shown += 1;
      });
      Array.prototype.forEach.call(groups, function (group) {
        group.hidden = !group.querySelector(".catalogue-item:not([hidden])");
      });
      if (status) status.textContent = (status.getAttribute("data-template") || "{n}").replace("{n}", shown);
      form.setAttribute("data-ready", "");
    }
    var asked = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var value = asked.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (value && known) select.value = value;
    });
    form.hidden = false;
    form.addEventListener("change", function () {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value); else params.delete(select.name);
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  });
})();

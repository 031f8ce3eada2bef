// Search with Pagefind on /search/ (loaded only there; the "/" shortcut is in
// partials/javascripts/base.html): runs the query and the filters, and keeps them in the address so a search can be shared.
(function () {
  // The filters in display order and their names: written on the page from Python
  // (act.search.facets.FILTERS), so the two cannot disagree.
  var FILTER_ORDER = [];
  var FILTER_NAMES = {};
  // Each result shown costs a fragment download, so a query first shows five (about a
  // screenful: three or four fit at 390 and at 1280 px wide); the next five load by
  // themselves as the end of the list comes near, then "Show more results" adds ten.
  var FIRST = 5;
  var PAGE_SIZE = 10;
  var NEAR = "0px 0px 200px 0px";  // how near the end of the list must come

  document$.subscribe(function () {
    var root = document.querySelector("[data-act-search]");
    if (root) start(root).catch(function (error) { showFailure(root, error); });
  });

  function showFailure(root, error) {
    root.querySelector("[data-act-search-status]").textContent =
      "Search could not start. Try reloading the page, or use the listings below.";
    root.querySelector("[data-act-search-nojs]").classList.add("act-search__nojs--shown");
    if (window.console) console.warn("ACT search:", error);
  }

  async function start(root) {
    var form = root.querySelector("form");
    var input = form.elements.q;
    var status = root.querySelector("[data-act-search-status]");
    var list = root.querySelector("[data-act-search-results]");
    var pane = root.querySelector("[data-act-search-filters]");
    var more = root.querySelector("[data-act-search-more]");
    JSON.parse(root.dataset.filters).forEach(function (pair) {  // [[name, label], ...]
      FILTER_ORDER.push(pair[0]);
      FILTER_NAMES[pair[0]] = pair[1];
    });
    var typeOrder = JSON.parse(root.dataset.types);  // [[id, label], ...] in display order
    var types = {};
    typeOrder.forEach(function (pair) { types[pair[0]] = pair[1]; });
    status.textContent = "Loading search…";
    var params = new URLSearchParams(location.search);
    if (params.has("q")) input.value = params.get("q");

    // Listen at once, so nothing typed while Pagefind loads is lost; runs wait for it.
    var ready = false;
    var latest = 0;
    var timer;
    var queue = Promise.resolve();  // result batches, one after another (showMore)
    var nearEnd = null;  // watches for the end of the list coming near
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(true); }, 200);
    });
    pane.addEventListener("change", function () { run(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });

    var pagefind = await import(new URL(root.dataset.bundle + "pagefind.js", location.href).href);
    // noWorker: search in this thread rather than fetch Pagefind's worker script (12 kB
    // gzipped) for the first query; a search of a few thousand pages takes milliseconds.
    await pagefind.options({
      baseUrl: new URL(root.dataset.base, location.href).pathname,
      noWorker: true,
    });
    // The filter lists (every value of every filter, a file each) are fetched only when the
    // filter pane is opened, or at once when the address already chooses a filter: a first
    // query does not need them.
    var available = null;
    var filtersLoading = null;
    var box = pane.closest("details");
    if (FILTER_ORDER.some(function (name) { return params.has(name); })) {
      await loadFilters();
    } else if (box) {
      box.addEventListener("toggle", function () {
        if (box.open) loadFilters().catch(function (error) { showFailure(root, error); });
      });
      if (box.open) await loadFilters();
    }
    ready = true;
    await run(input.value !== (params.get("q") || ""));

    function loadFilters() {
      if (!filtersLoading) {
        filtersLoading = (async function () {
          var all = await pagefind.filters();
          var counts = await countsFor(input.value.trim());
          buildFilters(pane, all, counts, types, typeOrder.map(function (pair) { return pair[0]; }));
          pane.querySelectorAll("input[type=checkbox]").forEach(function (box) {
            box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
          });
          var loading = pane.querySelector("[data-act-search-filters-loading]");
          if (loading) loading.remove();
          available = all;
        })();
      }
      return filtersLoading;
    }

    // How many results each filter value would give for this query (all of them, with none).
    async function countsFor(query) {
      if (!query) return pagefind.filters();
      var found = await pagefind.search(query);
      return found.filters || {};
    }

    async function run(updateUrl) {
      if (!ready) return;  // still loading: the run after loading picks this up
      var ticket = ++latest;
      var query = input.value.trim();
      var filters = {};
      var state = new URLSearchParams();
      if (query) state.set("q", query);
      FILTER_ORDER.forEach(function (name) {
        var chosen = Array.prototype.map.call(
          pane.querySelectorAll("input[name='" + name + "']:checked"), function (b) { return b.value; });
        if (chosen.length) filters[name] = { any: chosen };
        chosen.forEach(function (value) { state.append(name, value); });
      });
      var chosen = pane.querySelectorAll("input[type=checkbox]:checked").length;
      root.querySelector("[data-act-search-chosen]").textContent = chosen ? " (" + chosen + " chosen)" : "";
      if (updateUrl) {
        var search = state.toString();
        history.replaceState(history.state, "", location.pathname + (search ? "?" + search : ""));
      }
      if (!query && !Object.keys(filters).length) {
        list.replaceChildren();
        list.hidden = true;
        if (available) showCounts(pane, available);
        status.textContent = "Type a word or choose a filter to search.";
        return;
      }
      var counted = available;  // the counts are only complete once the lists are loaded
      var found = await pagefind.search(query || null, { filters: filters });
      if (ticket !== latest) return;
      // The old results stay until the new ones are ready, so the page never shows an empty
      // list under an old count.
      await showMore(found.results, ticket, FIRST, true);
      if (ticket !== latest) return;
      // Announced once the first results are on the page. (Counts only once the pane is
      // built: before that Pagefind has not loaded the filter lists to count with.)
      if (counted) showCounts(pane, found.filters || {});
      var n = found.results.length;
      status.textContent = n + (n === 1 ? " result" : " results") + (query ? " for “" + query + "”" : "");
    }

    // Shows `count` more results (with `replace`, the first `count` in place of the list), one
    // batch after another so none is shown twice, with a "Show more results" button while
    // more remain. Resolves to the position of the first result added (-1: none, a newer
    // query took over).
    function showMore(results, ticket, count, replace) {
      var batch = queue.then(function () { return addResults(results, ticket, count, replace); });
      queue = batch.catch(function () {});
      return batch;
    }

    async function addResults(results, ticket, count, replace) {
      if (ticket !== latest) return -1;
      var first = replace ? 0 : list.children.length;
      var data = await Promise.all(results.slice(first, first + count).map(function (r) { return r.data(); }));
      if (ticket !== latest) return -1;
      var items = data.map(function (d) { return resultItem(d, types); });
      if (replace) list.replaceChildren.apply(list, items);
      else items.forEach(function (item) { list.appendChild(item); });
      list.hidden = list.children.length === 0;
      more.hidden = list.children.length >= results.length;
      more.onclick = function () {
        showMore(results, ticket, PAGE_SIZE).then(function (added) {
          var link = list.children[added] && list.children[added].querySelector("a");
          if (link) link.focus();  // keyboard users continue where the new results start
        });
      };
      if (nearEnd) nearEnd.disconnect();
      if (replace && !more.hidden) {
        var rest = function () {
          if (list.children.length === FIRST) showMore(results, ticket, PAGE_SIZE - FIRST);
        };
        if (!("IntersectionObserver" in window)) {
          rest();
        } else {
          nearEnd = new IntersectionObserver(function (seen) {
            if (!seen.some(function (s) { return s.isIntersecting; })) return;
            nearEnd.disconnect();
            rest();
          }, { rootMargin: NEAR });
          nearEnd.observe(more);
        }
      }
      return first;
    }
  }

  function buildFilters(pane, available, counts, types, typeIds) {
    pane.querySelectorAll("fieldset").forEach(function (f) { f.remove(); });
    FILTER_ORDER.forEach(function (name) {
      var values = Object.keys(available[name] || {});
      if (!values.length) return;
      if (name === "type") values.sort(function (a, b) { return typeIds.indexOf(a) - typeIds.indexOf(b); });
      else values.sort();
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = FILTER_NAMES[name];
      fieldset.appendChild(legend);
      values.forEach(function (value, i) {
        var id = "act-filter-" + name + "-" + i;
        var wrap = document.createElement("div");
        wrap.className = "act-field--check";
        var box = document.createElement("input");
        box.type = "checkbox"; box.name = name; box.value = value; box.id = id;
        var label = document.createElement("label");
        label.htmlFor = id;
        label.dataset.name = name === "type" ? types[value] || value : value;
        label.textContent = label.dataset.name + " (" + ((counts[name] || {})[value] || 0) + ")";
        wrap.append(box, label);
        fieldset.appendChild(wrap);
      });
      pane.appendChild(fieldset);
    });
  }

  // Each filter's count is for the current query: how many results choosing it would give.
  function showCounts(pane, counts) {
    pane.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var label = pane.querySelector("label[for='" + box.id + "']");
      var n = (counts[box.name] || {})[box.value] || 0;
      label.textContent = label.dataset.name + " (" + n + ")";
    });
  }

  function resultItem(data, types) {
    var item = document.createElement("li");
    item.className = "act-card";
    var link = document.createElement("a");
    link.className = "act-card__title";
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    item.appendChild(link);
    var type = (data.filters.type || [])[0];
    if (type) {
      var tag = document.createElement("p");
      tag.className = "act-card__meta";
      tag.textContent = types[type] || type;
      item.appendChild(tag);
    }
    var summary = document.createElement("p");
    summary.className = "act-card__summary";
    appendExcerpt(summary, data.meta.summary ? data.meta.summary : data.excerpt);
    item.appendChild(summary);
    return item;
  }

  // Pagefind's excerpts mark matches with <mark>; rebuild them as nodes, never as HTML.
  function appendExcerpt(element, text) {
    String(text || "").split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var match = /^<mark>(.*)<\/mark>$/.exec(part);
      if (match) {
        var mark = document.createElement("mark");
        mark.textContent = decode(match[1]);
        element.appendChild(mark);
      } else if (part) {
        element.appendChild(document.createTextNode(decode(part.replace(/<[^>]*>/g, ""))));
      }
    });
  }

  function decode(text) {
    var area = document.createElement("textarea");
    area.innerHTML = text;
    return area.value;
  }
})();

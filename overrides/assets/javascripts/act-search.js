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
    var filtered = root.querySelector("[data-act-search-filtered]");
    var also = root.querySelector("[data-act-search-also]");
    var suggest = root.querySelector("[data-act-search-suggest]");
    // Words readers use that the site words otherwise, from data/search-synonyms.yml (checked
    // by `act check`): [[word, what it also searches for], ...].
    var synonyms = JSON.parse(root.dataset.synonyms || "[]");
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
      // A new query starts with no filter ticked: one ticked for the last query would
      // silently narrow this one (the reader ticks it again if they want it).
      clearFilters();
      clearTimeout(timer);
      timer = setTimeout(function () { run(true); }, 200);
    });
    pane.addEventListener("change", function () { run(true); });
    root.querySelector("[data-act-search-clear]").addEventListener("click", function () {
      clearFilters();
      run(true);
      input.focus();
    });
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

    function clearFilters() {
      pane.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) { box.checked = false; });
    }

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
      showFiltered();
      if (!query && !Object.keys(filters).length) {
        list.replaceChildren();
        list.style.minHeight = "";
        list.hidden = true;
        also.hidden = suggest.hidden = true;
        if (available) showCounts(pane, available);
        status.textContent = "Type a word or choose a filter to search.";
        return;
      }
      var counted = available;  // the counts are only complete once the lists are loaded
      var found = await pagefind.search(query || null, { filters: filters });
      if (ticket !== latest) return;
      var results = found.results;
      var synonym = query ? synonymOf(query) : null;
      var added = 0;
      if (synonym) {  // the declared synonym's results follow the query's own
        var more_found = await pagefind.search(synonym, { filters: filters });
        if (ticket !== latest) return;
        var seen = {};
        results.forEach(function (r) { seen[r.id] = true; });
        var extra = more_found.results.filter(function (r) { return !seen[r.id]; });
        added = extra.length;
        results = results.concat(extra);
      }
      var suggestion = !results.length && query ? await didYouMean(query, filters) : null;
      if (ticket !== latest) return;
      // The old results stay until the new ones are ready, so the page never shows an empty
      // list under an old count.
      await showMore(results, ticket, FIRST, true);
      if (ticket !== latest) return;
      also.hidden = !added;
      also.textContent = added ? "Also showing results for “" + synonym + "”." : "";
      showSuggestion(suggestion);
      // Announced once the first results are on the page. (Counts only once the pane is
      // built: before that Pagefind has not loaded the filter lists to count with.)
      if (counted) showCounts(pane, found.filters || {});
      var n = results.length;
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
      if (replace) {
        list.style.minHeight = "";
        list.replaceChildren.apply(list, items);
      } else {
        items.forEach(function (item) { list.appendChild(item); });
      }
      list.hidden = list.children.length === 0;
      more.hidden = list.children.length >= results.length;
      // Room for the five that load by themselves near the end (below), so nothing under
      // the list moves when they come.
      holdPlace(replace ? Math.min(results.length, PAGE_SIZE) : list.children.length);
      more.onclick = function () {
        holdPlace(Math.min(results.length, list.children.length + PAGE_SIZE));
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

    // Keeps the list as tall as it will be with `count` results: those shown at their own
    // height, the rest at the tallest's so far. It never shrinks for the same query (a
    // shorter card than foreseen leaves a little room rather than pulling the page up).
    function holdPlace(count) {
      var cards = list.children;
      var shown = 0;
      var tallest = 0;
      for (var i = 0; i < cards.length; i++) {
        var h = cards[i].getBoundingClientRect().height + parseFloat(getComputedStyle(cards[i]).marginBottom);
        shown += h;
        tallest = Math.max(tallest, h);
      }
      var height = shown + tallest * Math.max(0, count - cards.length);
      var now = parseFloat(list.style.minHeight) || 0;
      if (height > now) list.style.minHeight = height + "px";
    }

    // "Showing only Advice: clear filter", while a filter is ticked.
    function showFiltered() {
      var names = Array.prototype.map.call(pane.querySelectorAll("input[type=checkbox]:checked"), function (box) {
        var label = pane.querySelector("label[for='" + box.id + "']");
        return label ? label.dataset.name : box.value;
      });
      filtered.hidden = !names.length;
      filtered.querySelector("[data-act-search-filtered-names]").textContent = names.join(", ");
      root.querySelector("[data-act-search-clear]").textContent = names.length > 1 ? "clear filters" : "clear filter";
    }

    function synonymOf(query) {
      var words = query.toLowerCase().split(/[^a-z0-9']+/);
      for (var i = 0; i < synonyms.length; i++) {
        if (words.indexOf(synonyms[i][0]) >= 0) return synonyms[i][1];
      }
      return null;
    }

    // For a query that finds nothing: the same query with each word the site does not use
    // replaced by the nearest that it does (from the site's own word list, fetched only
    // now), if that finds something.
    var siteWords = null;
    async function didYouMean(query, filters) {
      if (!root.dataset.words) return null;
      if (!siteWords) {
        siteWords = fetch(root.dataset.words).then(function (r) { return r.ok ? r.json() : []; }).catch(function () { return []; });
      }
      var words = await siteWords;
      var known = new Set(words);
      var tokens = query.toLowerCase().split(/\s+/);
      var choices = tokens.map(function (word) {
        if (word.length < 3 || known.has(word) || !/^[a-z]+$/.test(word)) return [word];
        return nearest(word, words).slice(0, 3);
      });
      if (choices.every(function (c, i) { return c[0] === tokens[i]; })) return null;
      // The nearest first; for a word with several as near, the next if it finds nothing.
      for (var tried = 0; tried < 3; tried++) {
        var better = choices.map(function (c, i) { return c[Math.min(tried, c.length - 1)] || tokens[i]; }).join(" ");
        var found = await pagefind.search(better, { filters: filters });
        if (found.results.length) return better;
      }
      return null;
    }

    function showSuggestion(suggestion) {
      suggest.replaceChildren();
      suggest.hidden = !suggestion;
      if (!suggestion) return;
      var link = document.createElement("a");
      link.href = location.pathname + "?q=" + encodeURIComponent(suggestion);
      link.textContent = suggestion;
      suggest.append("Did you mean ", link, "?");
    }
  }

  // The words of `words` (most used first) nearest to `word` in edit distance, at most one
  // edit for a word of up to five letters, two for a longer one, and starting with the same
  // letter (a slip is rarely the first letter; "Leeds" is not "needs"): first those that only
  // add letters to it (a letter left out: "flod" is "flood" before "food"), then the more used.
  function nearest(word, words) {
    var limit = word.length <= 5 ? 1 : 2;
    var found = [];
    var best = limit + 1;
    for (var i = 0; i < words.length; i++) {
      var candidate = words[i];
      if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > Math.min(best, limit)) continue;
      var d = distance(word, candidate, best + 1);
      if (d > limit) continue;
      if (d < best) { best = d; found = []; }
      if (d === best) found.push(candidate);
    }
    return found.filter(function (c) { return within(word, c); })
      .concat(found.filter(function (c) { return !within(word, c); }));
  }

  // Whether the letters of `short` are all in `long`, in order.
  function within(short, long) {
    var at = 0;
    for (var i = 0; i < long.length && at < short.length; i++) if (long[i] === short[at]) at++;
    return at === short.length;
  }

  // Levenshtein distance (a letter added, removed or changed, or two swapped), stopping
  // once it reaches `stop`.
  function distance(a, b, stop) {
    var before = [], row = [], earlier = [];
    for (var j = 0; j <= b.length; j++) row[j] = j;
    for (var i = 1; i <= a.length; i++) {
      earlier = before; before = row; row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(before[j] + 1, row[j - 1] + 1, before[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, earlier[j - 2] + 1);
        row[j] = d;
        least = Math.min(least, d);
      }
      if (least >= stop) return stop;
    }
    return row[b.length];
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

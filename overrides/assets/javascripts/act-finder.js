// The opportunity finder: filters over the plain list, kept in the URL query so a filtered
// view can be shared and bookmarked. Without JavaScript the full list shows and the form
// stays hidden. On a phone the filters fold behind a "Filter results" button, so the count
// and the first result are on the first screen. An empty result suggests what to widen.
// The area filter starts from the reader's own area, when one is remembered in this browser
// (act-areas.js keeps it) and the address asks for no filters of its own.
document$.subscribe(function () {
  var form = document.querySelector("[data-act-finder]");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".act-list--opportunity > .act-card"));
  var count = document.getElementById("act-finder-count");
  var fields = ["region", "area", "category", "commitment", "age", "remote"].filter(function (name) {
    return form.elements[name];
  });
  var AREA_KEY = "act-area";
  var AREA_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var toggle = form.querySelector("[data-act-finder-toggle]");
  var widen = document.querySelector("[data-act-finder-widen]");
  var LABELS = {
    region: function (s) { return "Show roles anywhere in the UK, not only in " + optionText("region", s.region); },
    area: function (s) { return "Show roles for any area, not only " + optionText("area", s.area); },
    category: function (s) { return "Show every kind of volunteering, not only " + optionText("category", s.category).toLowerCase(); },
    commitment: function (s) { return "Show roles with any time commitment"; },
    age: function (s) { return "Show roles for any age, not only " + s.age; },
    remote: function (s) { return "Show roles you go out to, as well as ones done from home"; },
  };

  function readForm() {
    var state = {};
    fields.forEach(function (name) {
      var input = form.elements[name];
      var value = input.type === "checkbox" ? (input.checked ? "yes" : "") : input.value.trim();
      if (value) state[name] = value;
    });
    return state;
  }

  function writeForm(state) {
    fields.forEach(function (name) {
      var input = form.elements[name];
      if (input.type === "checkbox") input.checked = state[name] === "yes";
      else input.value = state[name] || "";
    });
  }

  // The area's option, when the area is one the finder knows.
  function areaOption(id) {
    var select = form.elements.area;
    if (!select || !id || !AREA_ID.test(id)) return null;
    return select.querySelector("option[value='" + id + "']");
  }

  // A role for the area: it names the area, or names no area and covers the area's region
  // (its region's, its nation's or a UK-wide role).
  function forArea(card, id) {
    var option = areaOption(id);
    if (!option) return true;
    var named = card.dataset.areas ? card.dataset.areas.split(" ") : [];
    if (named.length) return named.indexOf(id) >= 0;
    return card.dataset.regions.split(" ").indexOf(option.getAttribute("data-region")) >= 0;
  }

  function rememberedArea() {
    try {
      var saved = JSON.parse(localStorage.getItem(AREA_KEY) || "null");
      if (saved && typeof saved.id === "string" && areaOption(saved.id)) return saved.id;
    } catch (err) { /* storage blocked or a bad value: no area */ }
    return null;
  }

  function matches(card, state) {
    var d = card.dataset;
    if (state.region && d.regions.split(" ").indexOf(state.region) < 0) return false;
    if (state.area && !forArea(card, state.area)) return false;
    if (state.category && d.category !== state.category) return false;
    if (state.commitment && d.commitment !== state.commitment) return false;
    // A role whose source states no minimum age (no data-min-age) is offered at every age;
    // its card says "Age not stated".
    if (state.age && d.minAge && Number(state.age) < Number(d.minAge)) return false;
    // A role with an oldest age (data-max-age: its maximum_age, or 17 for a youth scheme that
    // states none) is not offered to readers older than that.
    if (state.age && d.maxAge && Number(state.age) > Number(d.maxAge)) return false;
    if (state.remote === "yes" && d.remote !== "yes") return false;
    return true;
  }

  function optionText(name, value) {
    var option = form.elements[name].querySelector("option[value='" + value + "']");
    return option ? option.textContent.trim() : value;
  }

  function countFor(state) {
    return cards.filter(function (card) { return matches(card, state); }).length;
  }

  function plural(n) { return n + (n === 1 ? " opportunity" : " opportunities"); }

  // For an empty result: each filter that, taken away, would give some results, as a link
  // to that search (so it can be opened, shared and bookmarked like any other).
  function showWidening(state) {
    var list = widen.querySelector("[data-act-finder-widen-list]");
    // The same choices again (a "change" after "input"): keep the links, which may be mid-tap.
    var key = new URLSearchParams(state).toString();
    if (!widen.hidden && widen.dataset.state === key) return;
    widen.dataset.state = key;
    list.replaceChildren();
    Object.keys(state).forEach(function (name) {
      var wider = Object.assign({}, state);
      delete wider[name];
      var n = countFor(wider);
      if (!n) return;
      var item = document.createElement("li");
      var link = document.createElement("a");
      var query = new URLSearchParams(wider).toString();
      link.href = location.pathname + (query ? "?" + query : "");
      link.textContent = LABELS[name](state) + " (" + plural(n) + ")";
      item.appendChild(link);
      list.appendChild(item);
    });
    widen.hidden = false;
  }

  // With an area chosen, the roles that name it come first, as on the area's own page; the
  // list's own order otherwise. Cards are only moved when the order changes.
  var list = cards.length ? cards[0].parentNode : null;
  function order(state) {
    if (!list) return;
    var named = function (card) {
      return state.area && card.dataset.areas && card.dataset.areas.split(" ").indexOf(state.area) >= 0;
    };
    var wanted = cards.filter(named).concat(cards.filter(function (card) { return !named(card); }));
    var current = Array.prototype.slice.call(list.children);
    if (wanted.every(function (card, i) { return current[i] === card; })) return;
    wanted.forEach(function (card) { list.appendChild(card); });
  }

  function apply(state, updateUrl) {
    order(state);
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, state);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = plural(shown) + (areaOption(state.area) ? " for " + optionText("area", state.area) : "");
    if (widen) {
      if (shown === 0 && Object.keys(state).length) showWidening(state);
      else widen.hidden = true;
    }
    if (updateUrl) {
      var query = new URLSearchParams(state).toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var initial = {};
  new URLSearchParams(location.search).forEach(function (value, key) {
    if (fields.indexOf(key) >= 0 && value) initial[key] = value;
  });
  // No filters in the address: start from the reader's own area, if one is remembered.
  if (!Object.keys(initial).length && fields.indexOf("area") >= 0) {
    var mine = rememberedArea();
    if (mine) initial.area = mine;
  }
  writeForm(initial);
  apply(readForm(), false);

  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    form.classList.toggle("act-filters--open", open);
  });

  form.addEventListener("input", function () { apply(readForm(), true); });
  form.addEventListener("change", function () { apply(readForm(), true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // Clearing is done here, not by the browser's own reset, so the list and the count change
  // at once, in the same step as the form.
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    writeForm({});
    apply({}, true);
  });
});

// Your area (/areas/, each area's page, the home page): finds a police force area from a
// council's name, typed, and remembers the reader's area in this browser. What is typed never
// leaves the browser: the list of councils (areas/places.json, a few kilobytes) is fetched
// whole, without anything typed in its address, and matched here. The remembered area is kept
// in localStorage (its id and name only), shown with a "Forget" button that removes it, and is
// only ever written back with .textContent and a checked id, never as HTML. The service
// worker (sw.js) is told of the reader's area, so its page is saved on this device at once
// and opens without signal while it is their area; "Forget" tells it to let it go.
(function () {
  "use strict";

  var STORAGE_KEY = "act-area";
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var MAX_MATCHES = 8;

  // As act.areas.data.council_key: no case, accents, spaces or punctuation; "&" is "and".
  function key(text) {
    var plain = String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return plain.replace(/&/g, " and ").replace(/[^a-z0-9]+/g, "");
  }

  // --- The remembered area ------------------------------------------------------------

  function remembered() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
      if (saved && typeof saved.id === "string" && ID.test(saved.id) &&
          typeof saved.name === "string" && saved.name.length < 200) {
        return { id: saved.id, name: saved.name };
      }
    } catch (err) { /* storage blocked or a bad value: nothing is remembered */ }
    return null;
  }

  function remember(area) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ id: area.id, name: area.name }));
      return true;
    } catch (err) {
      return false;
    }
  }

  function forget() {
    try { localStorage.removeItem(STORAGE_KEY); } catch (err) { /* nothing to forget */ }
    tellWorker({ type: "area", page: null }, function () {});
  }

  // A message to this site's service worker, once it is active (never, where there is none);
  // `answer` gets its reply.
  function tellWorker(message, answer) {
    if (!("serviceWorker" in navigator) || !document.querySelector('link[rel="manifest"]')) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (!registration.active) return;
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { answer(event.data || {}); };
      registration.active.postMessage(message, [channel.port2]);
    });
  }

  // This page (the reader's own area's) and the files it loads, for the worker to keep.
  function keepThisPage(answer) {
    var files = [];
    document.querySelectorAll('link[rel~="stylesheet"][href], script[src], link[rel~="icon"][href]')
      .forEach(function (node) { files.push(node.href || node.src); });
    tellWorker({ type: "area", page: location.href.split("#")[0].split("?")[0], files: files }, answer);
  }

  // The address of an area's page, from the place file's address (areas/places.json).
  function areaUrl(placesUrl, id) {
    return new URL(id + "/", placesUrl).href;
  }

  // "Your area: ..." with its link and a Forget button (home page and /areas/).
  function showMine(tool, placesUrl) {
    var mine = tool.querySelector("[data-act-area-mine]");
    if (!mine) return;
    var area = remembered();
    mine.hidden = !area;
    if (!area) return;
    var link = mine.querySelector("[data-act-area-link]");
    link.textContent = area.name;
    link.href = areaUrl(placesUrl, area.id);
  }

  // --- Finding an area from a council's name -----------------------------------------

  function loadPlaces(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("places " + response.status);
      return response.json();
    });
  }

  // Each council whose name, or the rest of its name from any word on, starts with what was
  // typed ("Glasgow" finds Glasgow City, "Edinburgh" the City of Edinburgh); exact names first.
  function matches(places, typed) {
    var wanted = key(typed);
    if (!wanted) return [];
    var found = [];
    places.places.forEach(function (place) {
      var name = place[0], words = name.split(/\s+/), rank = -1;
      if (place[1] === wanted) rank = 0;
      else if (place[1].indexOf(wanted) === 0) rank = 1;
      else {
        for (var i = 1; i < words.length; i++) {
          if (key(words.slice(i).join(" ")).indexOf(wanted) === 0) { rank = 2; break; }
        }
      }
      var area = places.areas[place[2]];
      if (rank >= 0 && area && ID.test(place[2])) {
        found.push({ rank: rank, council: name, id: place[2], name: area.name });
      }
    });
    found.sort(function (a, b) { return a.rank - b.rank || a.council.localeCompare(b.council); });
    return found;
  }

  function areasOf(found) {
    var seen = {};
    return found.filter(function (m) { return seen[m.id] ? false : (seen[m.id] = true); });
  }

  function setUpForm(tool, placesUrl) {
    var form = tool.querySelector("[data-act-area-form]");
    if (!form) return;
    var input = form.querySelector("[data-act-area-input]");
    var status = form.querySelector("[data-act-area-status]");
    var list = form.querySelector("[data-act-area-matches]");
    var places = null, loading = null;

    function ready() {
      if (places) return Promise.resolve(places);
      if (!loading) {
        loading = loadPlaces(placesUrl).then(function (data) { places = data; return data; });
        loading.catch(function () { loading = null; });
      }
      return loading;
    }

    function show(found) {
      list.textContent = "";
      found.slice(0, MAX_MATCHES).forEach(function (m) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = areaUrl(placesUrl, m.id);
        link.textContent = m.council + ": " + m.name;
        link.addEventListener("click", function () { remember(m); });
        item.appendChild(link);
        list.appendChild(item);
      });
    }

    function describe(found, typed) {
      if (!typed.trim()) return "";
      if (!found.length) {
        return "No council matches \u201c" + typed.trim() + "\u201d. Try your council\u2019s " +
          "name, or choose your area from the list below.";
      }
      var count = Math.min(found.length, MAX_MATCHES);
      return count === 1 ? "1 council matches." : count + " councils match.";
    }

    input.addEventListener("focus", function () { ready().catch(function () {}); });
    input.addEventListener("input", function () {
      var typed = input.value;
      ready().then(function (data) {
        if (input.value !== typed) return; // typed on since
        var found = typed.trim() ? matches(data, typed) : [];
        show(found);
        status.textContent = describe(found, typed);
      }).catch(function () {
        status.textContent = "The list of councils could not be loaded. Choose your area from the list below.";
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = input.value;
      ready().then(function (data) {
        var found = matches(data, typed);
        var areas = areasOf(found);
        if (areas.length === 1 || (found.length && found[0].rank === 0)) {
          remember(found[0]);
          window.location.assign(areaUrl(placesUrl, found[0].id));
          return;
        }
        show(found);
        status.textContent = found.length
          ? "More than one area matches: choose yours below."
          : describe(found, typed || " ");
        if (!typed.trim()) status.textContent = "Type the name of your council first.";
      }).catch(function () {
        status.textContent = "The list of councils could not be loaded. Choose your area from the list below.";
      });
    });
  }

  // --- An area's own page: "Make this my area" ---------------------------------------

  function setUpRemember(box) {
    var id = box.getAttribute("data-act-area-id");
    var name = box.getAttribute("data-act-area-name");
    var save = box.querySelector("[data-act-area-save]");
    var note = box.querySelector("[data-act-area-saved-note]");
    var forgetButton = box.querySelector("[data-act-area-forget]");
    var savedOffline = false;
    function update() {
      var area = remembered();
      var mine = !!area && area.id === id;
      save.hidden = mine;
      forgetButton.hidden = !mine;
      note.textContent = mine
        ? "This is your area, remembered in this browser only." +
          (savedOffline ? " Its page is saved on this device, so it opens without signal." : "")
        : "It is kept in this browser only.";
    }
    // Said only after the reader chose: on a later visit the page is saved again silently, so
    // nothing on it changes once drawn.
    function keepOffline(say) {
      keepThisPage(function (reply) {
        if (!say) return;
        savedOffline = reply.type === "area-saved";
        update();
      });
    }
    save.addEventListener("click", function () {
      if (!remember({ id: id, name: name })) {
        note.textContent = "This browser does not let the site remember it.";
        return;
      }
      update();
      forgetButton.focus();
      keepOffline(true);
    });
    forgetButton.addEventListener("click", function () {
      forget();
      savedOffline = false;
      update();
      save.focus();
    });
    update();
    // The reader's own area, reached from the place field or again later: kept up to date.
    var area = remembered();
    if (area && area.id === id) keepOffline(false);
  }

  function placesOf(tool) {
    return new URL(tool.getAttribute("data-act-places"), document.baseURI).href;
  }

  // Each part of the page once, as soon as it has been read: this script is loaded right after
  // the remembered area and the "Make this my area" button, before the rest of the page is
  // read, so what it changes is shown before anything below it is drawn and nothing moves.
  // What comes later (the home page's place field) is set up once the page has been read.
  function setUp() {
    document.querySelectorAll("[data-act-areas]:not([data-act-ready])").forEach(function (tool) {
      tool.setAttribute("data-act-ready", "");
      var placesUrl = new URL(tool.getAttribute("data-act-places"), document.baseURI).href;
      showMine(tool, placesUrl);
      var forgetButton = tool.querySelector("[data-act-area-forget]");
      if (forgetButton) {
        forgetButton.addEventListener("click", function () {
          forget();
          showMine(tool, placesUrl);
          var input = document.querySelector("[data-act-area-input]");
          if (input) input.focus();
        });
      }
      setUpForm(tool, placesUrl);
    });
    document.querySelectorAll("[data-act-area-remember]:not([data-act-ready])").forEach(
      function (box) {
        box.setAttribute("data-act-ready", "");
        setUpRemember(box);
      }
    );
  }

  setUp();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
})();

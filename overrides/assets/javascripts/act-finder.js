// The opportunity finder: filters over the plain list, kept in the URL query so a filtered
// view can be shared and bookmarked. Without JavaScript the full list shows and the form
// stays hidden.
document$.subscribe(function () {
  var form = document.querySelector("[data-act-finder]");
  if (!form) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".act-list--opportunity > .act-card"));
  var count = document.getElementById("act-finder-count");
  var fields = ["region", "category", "commitment", "age", "remote"];

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

  function matches(card, state) {
    var d = card.dataset;
    if (state.region && d.regions.split(" ").indexOf(state.region) < 0) return false;
    if (state.category && d.category !== state.category) return false;
    if (state.commitment && d.commitment !== state.commitment) return false;
    if (state.age && !(Number(d.minAge) <= Number(state.age))) return false;
    if (state.remote === "yes" && d.remote !== "yes") return false;
    return true;
  }

  function apply(state, updateUrl) {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, state);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + (shown === 1 ? " opportunity" : " opportunities");
    if (updateUrl) {
      var query = new URLSearchParams(state).toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var initial = {};
  new URLSearchParams(location.search).forEach(function (value, key) {
    if (fields.indexOf(key) >= 0 && value) initial[key] = value;
  });
  writeForm(initial);
  form.hidden = false;
  apply(readForm(), false);

  form.addEventListener("input", function () { apply(readForm(), true); });
  form.addEventListener("change", function () { apply(readForm(), true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { apply(readForm(), true); }, 0);
  });
});

// Material's bootstrap (its partials/javascripts/base.html), as a file: the site's
// Content-Security-Policy allows no inline scripts. The scope comes from data-scope. It runs
// at the end of the page, just before Material's bundle; nothing before that needs it.
(function () {
  var scope = document.currentScript.getAttribute("data-scope");
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (value) {
    return [...value].reduce(function (hash, c) { return (hash << 5) - hash + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* full or blocked */ }
  };
  // "/" focuses the header's search box on any page (or opens the search page).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var box = document.getElementById("act-search-box-input");
    event.preventDefault();
    if (box && box.offsetParent !== null) box.focus();
    else location.href = document.querySelector(".act-search-box").action;
  });
})();

/* "Exit this page" (after the GOV.UK Design System component): the button, or Shift pressed three
   times, blanks the page and replaces it in the history with a neutral site, so Back does not
   return here. Without JavaScript the button is a plain link to the same site.
   Listeners sit on the document, so they keep working across Material's instant navigation. */
(function () {
  "use strict";
  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var presses = 0;
  var timer = null;

  function button() {
    return document.querySelector("[data-act-exit-button]");
  }

  function announcer() {
    var region = document.getElementById("act-exit-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "act-exit-status";
      region.className = "act-visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function indicator(count) {
    var exit = document.querySelector("[data-act-exit]");
    if (!exit) return;
    var dots = exit.querySelector(".act-exit__progress");
    if (!dots) {
      dots = document.createElement("span");
      dots.className = "act-exit__progress";
      dots.setAttribute("aria-hidden", "true");
      exit.appendChild(dots);
    }
    dots.textContent = count ? "\u25CF".repeat(count) + "\u25CB".repeat(PRESSES - count) : "";
  }

  function reset() {
    presses = 0;
    indicator(0);
    announcer().textContent = "";
  }

  function leave(href) {
    announcer().textContent = "Exit this page activated";
    var overlay = document.createElement("div");
    overlay.className = "act-exit-overlay";
    overlay.setAttribute("data-act-exit-overlay", "");
    document.body.appendChild(overlay);
    document.title = "Exiting page";
    // replace, not assign: the sensitive page leaves the history, so Back cannot show it.
    window.location.replace(href);
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-act-exit-button]");
    if (!target) return;
    event.preventDefault();
    leave(target.href);
  });

  document.addEventListener("keydown", function (event) {
    var exit = button();
    if (!exit) return;
    // A link with role="button" should also work with the space bar.
    if (event.target === exit && event.key === " ") {
      event.preventDefault();
      leave(exit.href);
      return;
    }
    if (event.key !== "Shift" || event.repeat) {
      if (event.key !== "Shift") reset();
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= PRESSES) {
      indicator(PRESSES);
      leave(exit.href);
      return;
    }
    indicator(presses);
    var left = PRESSES - presses;
    announcer().textContent =
      "Shift, press " + left + " more time" + (left === 1 ? "" : "s") + " to exit.";
    timer = window.setTimeout(reset, WINDOW_MS);
  });

  // Coming back from the back-forward cache: take the blank overlay away again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    var overlays = document.querySelectorAll("[data-act-exit-overlay]");
    for (var i = 0; i < overlays.length; i += 1) overlays[i].remove();
    reset();
  });
})();

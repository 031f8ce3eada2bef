/* The "Report a problem" form: fill in the page address from the link that opened it
   (?page=...). Without JavaScript the reader types it in. */
(function () {
  "use strict";
  function prefill() {
    var params = new URLSearchParams(window.location.search);
    var fields = document.querySelectorAll("[data-act-prefill]");
    for (var i = 0; i < fields.length; i += 1) {
      var value = params.get(fields[i].getAttribute("data-act-prefill"));
      if (value && !fields[i].value) fields[i].value = value;
    }
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(prefill); // Material's instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", prefill);
  }
})();

// Works without signal: once the service worker (sw.js, registered by the inline script in
// partials/javascripts/base.html) is active, ask it to save the emergency set. When the
// browser asks to save data (navigator.connection.saveData), nothing is downloaded in the
// background: the page offers "Save for use without signal" instead, with progress and a
// message when it is done.
(function () {
  if (!("serviceWorker" in navigator) || !document.querySelector('link[rel="manifest"]')) return;
  var offer = document.querySelector("[data-act-offline-offer]");

  function ask(worker, message, answer) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) { answer(event.data || {}); };
    worker.postMessage(message, [channel.port2]);
  }

  function kilobytes(bytes) { return Math.max(1, Math.round(bytes / 1000)) + " kB"; }

  function showOffer(worker, status) {
    var button = offer.querySelector("[data-act-offline-save]");
    var progress = offer.querySelector("[data-act-offline-progress]");
    var said = offer.querySelector("[data-act-offline-status]");
    offer.querySelector("[data-act-offline-size]").textContent =
      " This downloads about " + kilobytes(status.bytes) + ".";
    offer.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      progress.hidden = false;
      progress.max = status.total;
      progress.value = 0;
      said.textContent = "Saving " + status.total + " files...";
      ask(worker, { type: "save", asked: true }, function (reply) {
        if (reply.type === "progress") {
          progress.value = reply.done;
        } else if (reply.type === "done") {
          progress.value = progress.max;
          said.textContent = "Saved. The emergency pages now open on this device without signal.";
          button.hidden = true;
        } else if (reply.type === "failed") {
          said.textContent = "Not all the pages could be saved. Check your connection and try again.";
          button.disabled = false;
        }
      });
    });
  }

  navigator.serviceWorker.ready.then(function (registration) {
    var worker = registration.active;
    if (!worker) return;
    var saveData = Boolean(navigator.connection && navigator.connection.saveData);
    if (!saveData) {
      ask(worker, { type: "save", asked: false }, function () {});
      return;
    }
    if (!offer) return;
    ask(worker, { type: "status" }, function (status) {
      if (status.type === "status" && status.saved < status.total) showOffer(worker, status);
    });
  });
})();

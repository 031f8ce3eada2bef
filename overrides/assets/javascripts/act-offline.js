// Works without signal: once the service worker (sw.js, registered by the inline script in
// partials/javascripts/base.html) is active, ask it to save the emergency set. When the
// browser asks to save data (navigator.connection.saveData), nothing is downloaded in the
// background: the page offers "Save for use without signal" instead, with progress and a
// message when it is done. That box is built here, only when it is offered, at the end of the
// page's article: pages do not carry it hidden (and so it is never in the search index).
(function () {
  if (!("serviceWorker" in navigator) || !document.querySelector('link[rel="manifest"]')) return;
  var article = document.getElementById("main-content");

  function ask(worker, message, answer) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) { answer(event.data || {}); };
    worker.postMessage(message, [channel.port2]);
  }

  function kilobytes(bytes) { return Math.max(1, Math.round(bytes / 1000)) + " kB"; }

  function element(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (text) made.textContent = text;
    return made;
  }

  // The box: a titled section, what saving does and costs, the button, a progress bar named by
  // the title, and a status line read out as it changes.
  function showOffer(worker, status) {
    var title = "act-offline-offer-title";
    var offer = element("section", {
      "class": "act-offline-offer", "data-act-offline-offer": "", "aria-labelledby": title
    });
    var button = element("button", { type: "button", "class": "md-button" },
      "Save for use without signal");
    var progress = element("progress", { max: "1", value: "0", "aria-labelledby": title });
    var said = element("p", { role: "status" });
    progress.hidden = true;
    offer.append(
      element("h2", { "class": "act-offline-offer__title", id: title },
        "Use this site without signal"),
      element("p", {}, "Your browser is set to save data, so this site has not saved its " +
        "emergency pages on this device. Save them to read the emergency numbers, Make a " +
        "plan, Get help and the advice on power cuts, floods, storms and heatwaves when you " +
        "have no signal. This downloads about " + kilobytes(status.bytes) + "."),
      button, progress, said);
    article.append(offer);
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
    if (!article) return;
    ask(worker, { type: "status" }, function (status) {
      if (status.type === "status" && status.saved < status.total) showOffer(worker, status);
    });
  });
})();

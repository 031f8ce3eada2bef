// Works without signal: registers the service worker (sw.js, written by act/offline), which
// keeps the emergency set on this device. After the page has loaded, so it never slows it.
(function () {
  var worker = document.currentScript.getAttribute("data-worker");
  if (!("serviceWorker" in navigator) || !worker) return;
  function register() { navigator.serviceWorker.register(worker).catch(function () {}); }
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();

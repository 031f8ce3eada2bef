// ACT's service worker, served as /sw.js (written by act/offline at build time, which puts this
// build's version and emergency set where the placeholder below is).
//
// - When it installs, it fetches the emergency set (the pages marked `offline: true`, every
//   Get help page, the offline page and every file they load) into one cache named by version.
// - Pages (HTML) come from the network first, so people online always get the current page; a
//   page the network cannot give comes from the cache with a note saying it is a saved copy, and
//   a page never saved gets the offline page. Nothing stored records when a page was read.
// - Files of the emergency set and files with a content hash in their name come from the cache
//   first; other files from the network first, kept as they are used.
// - Only GET requests to this site, under this worker's scope. Never the web editor (admin/),
//   search (it needs the whole index), form submissions (POST), this file, or a page with an
//   "Exit this page" button (the build keeps those out of the emergency set too).
// - A new build has a new version: its worker takes over at once and deletes older caches.
"use strict";

const CONFIG = /* ACT_OFFLINE_CONFIG */ null;
const PREFIX = "act-offline-";
const SET_CACHE = PREFIX + "set-" + CONFIG.version;
const VISITED_CACHE = PREFIX + "visited-" + CONFIG.version;
const SCOPE = new URL(self.registration.scope);
// Material's script and stylesheet (bundle.<hash>.min.js): new content means a new name.
const HASHED = /\.[0-9a-f]{8,}(\.min)?\.(js|css)$/;

// A site-relative key for a URL: the path under the scope, without query or fragment.
function keyOf(url) {
  return url.pathname.slice(SCOPE.pathname.length);
}
const SET_KEYS = new Set(CONFIG.precache.map((path) => keyOf(new URL(path, SCOPE))));
// Pages with an "Exit this page" button: a copy kept as visited would show someone read them.
const PRIVATE_PAGES = new Set(CONFIG.privatePages);

function cacheUrl(key) {
  return new URL(key, SCOPE).href;
}

// A copy of a response to store, without the server's Date header: stored, it would record
// when the reader opened the page.
async function undated(response) {
  const headers = new Headers(response.headers);
  headers.delete("Date");
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: headers,
  });
}

function keepable(response) {
  return response && response.ok && response.type === "basic" && !response.redirected;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SET_CACHE).then((cache) =>
      Promise.all(
        CONFIG.precache.map(async (path) => {
          const url = new URL(path, SCOPE);
          // "reload": straight from the server, not a copy the browser kept from an older build.
          const response = await fetch(new Request(url, { cache: "reload" }));
          if (!keepable(response)) throw new Error("could not save " + url.href);
          await cache.put(cacheUrl(keyOf(url)), await undated(response));
        }),
      ),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && name !== SET_CACHE && name !== VISITED_CACHE)
          .map((name) => caches.delete(name)),
      ),
    ).then(() => self.clients.claim()),
  );
});

// No date: a saved time would record when the reader last opened the page.
const SAVED_NOTE =
  '<p class="act-saved" role="status">You are offline. This is a copy of the page saved on ' +
  "this device, so it may be out of date.</p>";

// A saved page, with the note at the top of its main content.
async function withSavedNote(response) {
  const html = await response.text();
  const marked = html.replace(
    /<article\b[^>]*\bid="main-content"[^>]*>/,
    (tag) => tag + SAVED_NOTE,
  );
  return new Response(marked, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

async function offlinePage() {
  const saved = await caches.match(cacheUrl(CONFIG.offlinePage), { cacheName: SET_CACHE });
  return saved || Response.error();
}

async function savedCopy(key) {
  return (
    (await caches.match(cacheUrl(key), { cacheName: SET_CACHE })) ||
    (await caches.match(cacheUrl(key), { cacheName: VISITED_CACHE }))
  );
}

async function keep(key, response) {
  if (PRIVATE_PAGES.has(key)) return;
  const cache = await caches.open(SET_KEYS.has(key) ? SET_CACHE : VISITED_CACHE);
  await cache.put(cacheUrl(key), await undated(response));
}

async function page(event, key) {
  try {
    const response = await fetch(event.request);
    if (keepable(response)) event.waitUntil(keep(key, response.clone()));
    return response;
  } catch (offline) {
    const saved = await savedCopy(key);
    return saved ? withSavedNote(saved) : offlinePage();
  }
}

async function cacheFirst(event, key) {
  const saved = await savedCopy(key);
  if (saved) return saved;
  const response = await fetch(event.request);
  if (keepable(response)) event.waitUntil(keep(key, response.clone()));
  return response;
}

async function networkFirst(event, key) {
  try {
    const response = await fetch(event.request);
    if (keepable(response)) event.waitUntil(keep(key, response.clone()));
    return response;
  } catch (offline) {
    return (await savedCopy(key)) || Response.error();
  }
}

function isPage(request) {
  return request.mode === "navigate" || (request.headers.get("Accept") || "").includes("text/html");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  const key = keyOf(url);
  if (key.startsWith("admin/")) return; // the web editor: the browser's own handling, untouched
  if (CONFIG.neverKept.some((prefix) => key.startsWith(prefix))) {
    // Search and its index are never kept; offline, a search shows the offline page, which
    // lists the saved pages and says search needs a connection.
    if (isPage(request)) event.respondWith(fetch(request).catch(offlinePage));
    return;
  }
  if (isPage(request)) event.respondWith(page(event, key));
  else if (SET_KEYS.has(key) || HASHED.test(key)) event.respondWith(cacheFirst(event, key));
  else event.respondWith(networkFirst(event, key));
});

// ACT's service worker, served as /sw.js (written by act/offline at build time, which puts this
// build's version, emergency set and each file's content hash where the placeholder below is).
//
// - The emergency set (the pages marked `offline: true`, every Get help page, the offline page
//   and every file they load) is saved when a page asks (act-offline.js): at once after a first
//   visit, or, when the browser asks to save data, only when the reader presses "Save for use
//   without signal". Installing never downloads it by itself.
// - Saving takes each file from what this device already holds when its content hash matches
//   (an older set, a page the reader opened, the browser's HTTP cache, where the page's own
//   stylesheet and script already are), and downloads only the rest.
// - A new deploy's worker carries over every file of the set whose hash is unchanged and
//   downloads only the changed ones; it never deletes the pages the reader opened.
// - Pages (HTML) come from the network first, so people online always get the current page; a
//   page the network cannot give comes from the cache with a note saying it is a saved copy, and
//   a page never saved gets the offline page (a search gets it with "Search needs a connection"
//   at the top).
// - Pages the reader opened (outside the set) are kept in caches named by the week they were
//   last opened, and removed CONFIG.keepOpenedDays days after that week ends. The week is the
//   only time kept: no stored response carries a date.
// - The reader's own area (chosen with "Make this my area", act-areas.js): its page and the
//   files it loads are saved at once, in a cache of their own, and kept, whatever the week,
//   while it is the reader's area; choosing another replaces it, "Forget" removes it.
// - Only GET requests to this site, under this worker's scope. Never the web editor (admin/),
//   search (it needs the whole index), form submissions (POST), this file, or a page with an
//   "Exit this page" button (the build keeps those out of the emergency set too).
"use strict";

const CONFIG = /* ACT_OFFLINE_CONFIG */ null;
const PREFIX = "act-offline-";
const SET_PREFIX = PREFIX + "set-";
const SET_CACHE = SET_PREFIX + CONFIG.version;
const OPENED_PREFIX = PREFIX + "opened-week-";
// The reader's own area's page and the files it loads.
const AREA_CACHE = PREFIX + "your-area";
const MAX_AREA_FILES = 24;
// The caches of workers before opened pages were kept by week: one per build.
const OLD_VISITED_PREFIX = PREFIX + "visited-";
const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
const SCOPE = new URL(self.registration.scope);
// Material's script and our stylesheet (bundle.<hash>.min.js): new content means a new name.
const HASHED = /\.[0-9a-f]{8,}(\.min)?\.(js|css)$/;

// A site-relative key for a URL: the path under the scope, without query or fragment.
function keyOf(url) {
  return url.pathname.slice(SCOPE.pathname.length);
}
function cacheUrl(key) {
  return new URL(key, SCOPE).href;
}
// The set: each key and its content hash.
const SET = new Map(
  CONFIG.precache.map((path) => [keyOf(new URL(path, SCOPE)), CONFIG.hashes[path]]),
);
// Pages with an "Exit this page" button: a copy kept as opened would show someone read them.
const PRIVATE_PAGES = new Set(CONFIG.privatePages);

function openedCacheName(now) {
  return OPENED_PREFIX + Math.floor(now / WEEK);
}
// A week's cache is removed keepOpenedDays after the week's last day.
function expired(name, now) {
  const week = Number(name.slice(OPENED_PREFIX.length));
  return !(now < (week + 1) * WEEK + CONFIG.keepOpenedDays * DAY);
}
async function openedCacheNames() {
  const names = (await caches.keys()).filter((name) => name.startsWith(OPENED_PREFIX));
  // Newest first: a page opened again is found in its latest copy.
  return names.sort((a, b) => Number(b.slice(OPENED_PREFIX.length)) - Number(a.slice(OPENED_PREFIX.length)));
}

// A copy of a response to store, without the server's Date header: stored, it would record
// when the reader opened the page.
function undated(response, body) {
  const headers = new Headers(response.headers);
  headers.delete("Date");
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: headers,
  });
}

function keepable(response) {
  return response && response.ok && response.type === "basic" && !response.redirected;
}

async function hashOf(blob) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await blob.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// `response` to store for a file of the set if its bytes have the hash the build wrote, else null.
async function ifUnchanged(response, hash) {
  if (!keepable(response)) return null;
  const body = await response.blob();
  return (await hashOf(body)).startsWith(hash) ? undated(response, body) : null;
}

// A copy of the file at `key` already on this device, in any of this worker's caches (an older
// set, the pages the reader opened), with the hash the build wrote; else null.
async function onDevice(key, hash) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === SET_CACHE) continue;
    const saved = await (await caches.open(name)).match(cacheUrl(key));
    const same = saved && (await ifUnchanged(saved, hash));
    if (same) return same;
  }
  return null;
}

// One file of the set: from this device if it holds the same bytes, then from the browser's
// HTTP cache (the page's own stylesheet, script and the page itself are there after a visit;
// "force-cache" takes a stored copy however old, so its hash is checked), and only then from
// the server.
async function saveOne(cache, key, hash) {
  if (await cache.match(cacheUrl(key))) return;
  const url = cacheUrl(key);
  let copy = await onDevice(key, hash);
  if (!copy) {
    try {
      copy = await ifUnchanged(await fetch(url, { cache: "force-cache" }), hash);
    } catch (offline) {
      copy = null;
    }
  }
  if (!copy) {
    // "reload": straight from the server, not a copy the browser kept from an older build.
    const response = await fetch(url, { cache: "reload" });
    if (!keepable(response)) throw new Error("could not save " + url);
    copy = undated(response, await response.blob());
  }
  await cache.put(url, copy);
}

// Save every file of the set not saved yet, a few at a time; `progress(done, total)` after each.
async function saveSet(progress) {
  const cache = await caches.open(SET_CACHE);
  const keys = Array.from(SET.keys());
  let done = 0;
  let next = 0;
  async function worker() {
    while (next < keys.length) {
      const key = keys[next++];
      await saveOne(cache, key, SET.get(key));
      done += 1;
      if (progress) progress(done, keys.length);
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
}

// One saving at a time: a second page asking while the set is being saved waits for the same.
let saving = null;
const listeners = new Set();
function saveSetOnce(progress) {
  if (progress) listeners.add(progress);
  if (!saving) {
    saving = saveSet((done, total) => listeners.forEach((listener) => listener(done, total)));
    const finished = () => {
      saving = null;
      listeners.clear();
    };
    saving.then(finished, finished);
  }
  return saving;
}

// How much of this build's set is saved.
async function savedCount() {
  if (!(await caches.has(SET_CACHE))) return 0;
  const cache = await caches.open(SET_CACHE);
  const saved = new Set((await cache.keys()).map((request) => keyOf(new URL(request.url))));
  return Array.from(SET.keys()).filter((key) => saved.has(key)).length;
}

// True if the reader had saved an older build's set, which this worker then brings up to date.
async function hadSet() {
  const names = await caches.keys();
  return names.some((name) => name.startsWith(SET_PREFIX) && name !== SET_CACHE);
}

// Data-saving: the browser asks for it (navigator.connection.saveData here, or a Save-Data
// header on a request this worker has seen from a page).
let saveDataSeen = false;
function savingData() {
  return saveDataSeen || Boolean(self.navigator.connection && self.navigator.connection.saveData);
}

self.addEventListener("install", (event) => {
  // A reader who had saved the set gets this build's: unchanged files are carried over, changed
  // ones downloaded. Anyone else downloads nothing here (a page asks for the set, or not).
  event.waitUntil(
    hadSet()
      .then((had) => (had ? saveSetOnce(null) : undefined))
      .then(() => self.skipWaiting()),
  );
});

async function moveAll(fromName, toName, keepKey) {
  const from = await caches.open(fromName);
  const to = await caches.open(toName);
  for (const request of await from.keys()) {
    const key = keyOf(new URL(request.url));
    if (!keepKey(key) || (await to.match(request))) continue;
    const response = await from.match(request);
    if (response) await to.put(request, response);
  }
}

async function tidy() {
  const now = Date.now();
  const thisWeek = openedCacheName(now);
  for (const name of await caches.keys()) {
    if (name.startsWith(OLD_VISITED_PREFIX)) {
      // An older worker's opened pages: kept, from this week.
      await moveAll(name, thisWeek, (key) => !PRIVATE_PAGES.has(key));
      await caches.delete(name);
    } else if (name.startsWith(SET_PREFIX) && name !== SET_CACHE) {
      // An older set: its pages are replaced by this build's; its other files (an older
      // stylesheet or script) stay as long as the pages opened with them, which load them.
      await moveAll(name, thisWeek, (key) => !SET.has(key) && !key.endsWith("/") && key !== "");
      await caches.delete(name);
    } else if (name.startsWith(OPENED_PREFIX) && expired(name, now)) {
      await caches.delete(name);
    }
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(tidy().then(() => self.clients.claim()));
});

// The page script's questions: how much of the set is saved, and "save it" (at once after a
// first visit, `asked: false`; or when the reader presses the button, `asked: true`). Answers
// go back on the message's port.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports && event.ports[0];
  const reply = (message) => port && port.postMessage(message);
  if (data.type === "status") {
    event.waitUntil(
      savedCount().then((saved) =>
        reply({ type: "status", saved: saved, total: SET.size, bytes: CONFIG.bytes }),
      ),
    );
  } else if (data.type === "area") {
    event.waitUntil(
      (data.page ? keepArea(data.page, data.files) : caches.delete(AREA_CACHE)).then(
        (kept) => reply({ type: data.page ? (kept ? "area-saved" : "area-failed") : "area-forgotten" }),
        () => reply({ type: "area-failed" }),
      ),
    );
  } else if (data.type === "save") {
    if (!data.asked && savingData()) {
      reply({ type: "declined" });
      return;
    }
    event.waitUntil(
      saveSetOnce((done, total) => reply({ type: "progress", done: done, total: total }))
        .then(() => reply({ type: "done", total: SET.size }))
        .catch(() => reply({ type: "failed" })),
    );
  }
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

// The offline page; for a search, with "Search needs a connection" shown first (the page holds
// both openings, the search one hidden).
async function offlinePage(forSearch) {
  const saved = await savedCopy(CONFIG.offlinePage);
  if (!saved || !forSearch) return saved || Response.error();
  const html = (await saved.text())
    .replaceAll('data-act-offline-for="page"', 'data-act-offline-for="page" hidden')
    .replace('data-act-offline-for="search" hidden', 'data-act-offline-for="search"');
  return new Response(html, {
    status: saved.status,
    statusText: saved.statusText,
    headers: saved.headers,
  });
}

async function savedCopy(key) {
  const inSet = await caches.match(cacheUrl(key), { cacheName: SET_CACHE });
  if (inSet) return inSet;
  const inArea = await caches.match(cacheUrl(key), { cacheName: AREA_CACHE });
  if (inArea) return inArea;
  for (const name of await openedCacheNames()) {
    const opened = await caches.match(cacheUrl(key), { cacheName: name });
    if (opened) return opened;
  }
  return undefined;
}

// The key of `url` (a string from a page) if this worker may keep it: this site, under the
// scope, not the editor, search, or a private page; else null.
function keepableKey(url) {
  let parsed;
  try {
    parsed = new URL(String(url), SCOPE);
  } catch (bad) {
    return null;
  }
  if (parsed.origin !== SCOPE.origin || !parsed.pathname.startsWith(SCOPE.pathname)) return null;
  const key = keyOf(parsed);
  if (key.startsWith("admin/") || PRIVATE_PAGES.has(key)) return null;
  if (CONFIG.neverKept.some((prefix) => key.startsWith(prefix))) return null;
  return key;
}

// The reader chose an area: keep its page (an /areas/<id>/ page) and the files it loads that
// the set's cache does not hold, from the browser's HTTP cache where they already are. The older
// area's copy is replaced only once the new one is in hand, so a failure keeps the old one.
async function keepArea(pageUrl, files) {
  const page = keepableKey(pageUrl);
  if (!page || !/^areas\/[a-z0-9-]+\/$/.test(page)) return false;
  const keys = [page];
  for (const file of Array.isArray(files) ? files.slice(0, MAX_AREA_FILES) : []) {
    const key = keepableKey(file);
    // Skipped only when the set's cache holds it now: the set may still be being saved, or
    // never be (Save-Data), and the area's page must open offline either way.
    const inSet = SET.has(key) && (await caches.match(cacheUrl(key), { cacheName: SET_CACHE }));
    if (key && !keys.includes(key) && !inSet) {
      keys.push(key);
    }
  }
  const copies = [];
  for (const key of keys) {
    let response = null;
    try {
      response = await fetch(cacheUrl(key), { cache: key === page ? "no-cache" : "force-cache" });
    } catch (offline) {
      response = null;
    }
    if (!keepable(response)) {
      if (key === page) return false;
      continue;
    }
    copies.push([key, undated(response, await response.blob())]);
  }
  await caches.delete(AREA_CACHE);
  const cache = await caches.open(AREA_CACHE);
  for (const [key, copy] of copies) await cache.put(cacheUrl(key), copy);
  return true;
}

async function keep(key, response) {
  if (PRIVATE_PAGES.has(key)) return;
  const body = await response.blob();
  if (await caches.match(cacheUrl(key), { cacheName: AREA_CACHE })) {
    // The reader's own area's page, or a file it loads: its copy there kept up to date.
    await (await caches.open(AREA_CACHE)).put(cacheUrl(key), undated(response, body));
  }
  const inSet = SET.has(key) && (await hashOf(body)).startsWith(SET.get(key));
  if (inSet && (await caches.has(SET_CACHE))) {
    // A file of the set as this build wrote it, when the reader keeps the set.
    await (await caches.open(SET_CACHE)).put(cacheUrl(key), undated(response, body));
    return;
  }
  // Opened: into this week's cache, and out of older weeks', so it is removed only
  // keepOpenedDays after it was last opened.
  const thisWeek = openedCacheName(Date.now());
  await (await caches.open(thisWeek)).put(cacheUrl(key), undated(response, body));
  for (const name of await openedCacheNames()) {
    if (name === thisWeek) continue;
    await (await caches.open(name)).delete(cacheUrl(key));
    if (expired(name, Date.now())) await caches.delete(name);
  }
}

async function page(event, key) {
  try {
    const response = await fetch(event.request);
    if (keepable(response)) event.waitUntil(keep(key, response.clone()));
    return response;
  } catch (offline) {
    const saved = await savedCopy(key);
    return saved ? withSavedNote(saved) : offlinePage(false);
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
  if (request.headers.get("Save-Data") === "on") saveDataSeen = true;
  const key = keyOf(url);
  if (key.startsWith("admin/")) return; // the web editor: the browser's own handling, untouched
  if (CONFIG.neverKept.some((prefix) => key.startsWith(prefix))) {
    // Search and its index are never kept; offline, a search shows the offline page with
    // "Search needs a connection" first, above the saved pages.
    if (isPage(request)) event.respondWith(fetch(request).catch(() => offlinePage(true)));
    return;
  }
  if (isPage(request)) event.respondWith(page(event, key));
  else if (SET.has(key) || HASHED.test(key)) event.respondWith(cacheFirst(event, key));
  else event.respondWith(networkFirst(event, key));
});

// Decap starts itself when its script loads; ours (act-admin.js) must first register the
// formats of the data files and the preview styles, then start it.
window.CMS_MANUAL_INIT = true;

// Decap keeps the form it shows when the address moves from one entry straight to another
// (Back, Forward, an address typed in): the second entry would show the first one's form, a
// data file's list as empty, and saving it would write that. Load the page afresh then; Decap
// asks first if the form has changes not yet saved.
const actEntry = (address) => {
  const match = /^#\/collections\/([^/?]+)\/entries\/([^?]+)/.exec(new URL(address).hash);
  return match && `${match[1]}/${match[2]}`;
};
window.addEventListener("hashchange", (event) => {
  const from = actEntry(event.oldURL);
  const to = actEntry(event.newURL);
  if (from && to && from !== to) {
    window.location.reload();
  }
});

// Under `make edit` the preview server (mkdocs serve) adds a script to every page that reloads
// it when the site is rebuilt, as it is each time an entry is published. The editor's page
// needs no rebuilt site, and a reload would cut Decap's requests and lose a form being
// written: that script finds its name already taken by this one, which does nothing.
Object.defineProperty(window, "livereload", { value: () => {}, writable: false });

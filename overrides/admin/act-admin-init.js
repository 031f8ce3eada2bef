// Decap starts itself when its script loads; ours (act-admin.js) must first register the
// formats of the data files and the preview styles, then start it.
window.CMS_MANUAL_INIT = true;

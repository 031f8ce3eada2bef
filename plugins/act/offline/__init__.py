"""Works without signal: the emergency set kept on readers' devices, the service worker that
keeps it, and the web app manifest that makes the site installable. Plain Python: the MkDocs
adapter is act.mkdocs.offline_plugin."""

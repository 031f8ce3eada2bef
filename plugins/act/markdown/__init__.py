"""Python-Markdown extensions used by the site (listed under markdown_extensions in mkdocs.yml)."""

"""Publishing the same content for machines: structured data, feeds and open data exports."""

"""Listings: the sources and pages that show many items (gathered from each content type and
the data collections), the `act:listing` directive, and the feeds and open data."""

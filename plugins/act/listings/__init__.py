"""Listings: queries over the catalogue and the pages that show them."""

"""Publishing one thing for machines: the site's facts (site.py), JSON-LD the whole site
shares, iCalendar files, and the plain-text description a JobPosting carries. Each content
type builds its own JSON-LD with these; what lists many items (feeds, open data) is in
act/listings."""

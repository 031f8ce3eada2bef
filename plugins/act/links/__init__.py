"""`act links`: every link to another website, checked politely, with a report of what moved
and what died (collect.py: which links and where; fetch.py: asking the sites; cache.py: what
was found last time; report.py: the check as a whole and its report; command.py: the CLI)."""

"""Areas: a page for every police force area of the UK (data/areas.yml), with its local
services, the numbers right for its nation, and the roles and events that cover it."""

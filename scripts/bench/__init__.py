"""The benchmark behind `make bench`: a synthetic corpus, ACT against stock Material."""

"""The editorial report: what needs an editor's attention, and how readable each article is."""

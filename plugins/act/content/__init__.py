"""Content: the three content types, their schemas, and the checker that reads content/."""

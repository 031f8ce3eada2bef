"""Search: what each page contributes to the Pagefind index, and indexing the built site."""

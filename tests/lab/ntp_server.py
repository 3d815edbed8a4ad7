"""Part of the loopback lab (being written)."""

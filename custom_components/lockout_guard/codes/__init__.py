"""How many users and codes a lock has, from the best source there is (counts only)."""

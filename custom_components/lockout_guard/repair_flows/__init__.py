"""The fix flows behind each repair issue (the ``repairs`` platform picks one)."""

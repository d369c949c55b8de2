"""What Lockout Guard keeps: the owner's facts (subentries) and the confirmations."""

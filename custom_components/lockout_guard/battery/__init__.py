"""Battery care: replacements, the samples kept of each lock's level, the forecast."""

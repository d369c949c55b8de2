"""Tests of Lockout Guard."""

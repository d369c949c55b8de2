"""Tests of the pure risk engine: plain functions, no Home Assistant instance."""

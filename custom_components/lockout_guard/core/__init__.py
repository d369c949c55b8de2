"""The pure core: facts, readings, risks, plans and forecasts, without Home Assistant.

Everything here is plain Python on plain data (``models``), tested by tables, and
imports nothing outside this package: a test imports it with ``homeassistant``
made unimportable.
"""

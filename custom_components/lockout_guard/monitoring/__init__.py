"""One lock's live view: read its entities, evaluate the core, publish the findings.

``monitor.LockMonitor`` is built by the hub for each monitored lock and talks to
it only through the small ``MonitorHost`` interface.
"""

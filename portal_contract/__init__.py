"""What the counter and the portals speak: the portal contract's data and the event chain rule.

A leaf shared by `counter_app` (the client, the outbox, the event log) and `sandbox` (the
stand-in portal and KPI collector), so that neither imports the other and both agree by
construction: `models` is the Python face of `docs/portal-api.yaml`; `events` is how each
event's hash covers its content and the previous event's hash. It imports only `common`
and the standard library.
"""

"""What every package of the application shares, and nothing of ours below it.

A leaf: it imports only the standard library, so `scanner`, `signing`, `sandbox`,
`counter_app` and `ui` may all import it without creating a circle.
"""

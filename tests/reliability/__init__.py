"""Reliability: churn, garbage input, slow and stuck peers, load, faulty scripts, shutdown.

Bounded for CI; BRIDGE_SOAK=1 scales counts and durations up (see README.md)."""

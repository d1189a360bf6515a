"""Monitoring front ends over a Snapshot.  health.py holds the rules that
judge a cluster (what the `clusapi status` command reports); checks and
exporters for monitoring systems build on the same rules."""

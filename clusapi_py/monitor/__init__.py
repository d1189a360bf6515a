"""Monitoring front ends over a Snapshot, all pure (no handles, no backends):
health.py holds the rule table that judges a cluster, nagios.py turns its
verdict into monitoring-plugin output (what `clusapi status` prints);
exporters for other monitoring systems build on the same rules."""

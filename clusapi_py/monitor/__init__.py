"""Monitoring front ends over a Snapshot.  health.py holds the rule table
that judges a cluster and nagios.py turns its verdict into monitoring-plugin
output (what `clusapi status` prints); both are pure (no handles, no
backends).  The Prometheus exporter (prometheus.py, exporter.py, http.py,
deflate.py, webconfig.py) sits above them: it holds a live view of the
cluster and serves the same rules as metrics."""

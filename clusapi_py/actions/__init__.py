"""Acting on the cluster.  `judge` (pure) is the completion rule an operation's
wait applies to what it sees; this package's __init__ stays pure, so a pure
module may import `clusapi_py.actions.judge`."""

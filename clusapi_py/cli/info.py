"""`clusapi info`: the cluster's name, version and the access granted."""
import argparse
import typing

from ._common import EXIT_OK, Context, line_safe, simulated_prefix, write_json


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    cluster = ctx.cluster
    name: str = cluster.name
    v = cluster.version
    access = cluster.granted_access
    granted = str(access.name or int(access))
    if args.json:
        data = ctx.envelope(name)
        data.update({"version": v._asdict(), "granted_access": granted})
        write_json(data, out)
        return EXIT_OK
    out.write("Cluster:         %s%s\n" % (simulated_prefix(ctx.simulated), line_safe(name)))
    out.write("Version:         %d.%d build %d (%s%s)\n" % (
        v.major, v.minor, v.build, line_safe(v.vendor_id), ", " + line_safe(v.csd_version) if v.csd_version else ""))
    out.write("Cluster version: highest %#x, lowest %#x\n" % (v.highest_version, v.lowest_version))
    out.write("Granted access:  %s\n" % granted)
    return EXIT_OK

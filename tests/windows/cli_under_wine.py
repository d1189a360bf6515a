"""The CLI as a subprocess of Wine, both ways an agent starts it: pip's launcher
`Scripts\\clusapi.exe` (what NSClient++ or Icinga for Windows run as a check) and
`python.exe -m clusapi_py`.  Every check runs through each: outputs and exit codes.

Run by tests/windows/python_stage.sh with a host Python (stdlib only), after pip installed the
wheel; not a pytest module (it drives Windows processes from Linux).

    python3 cli_under_wine.py --wine wine --python LAYOUT/python/python.exe --work LAYOUT/work
        [--launcher LAYOUT/python/Scripts/clusapi.exe]

Through the launcher, `-X utf8` is the environment's PYTHONUTF8=1 (the launcher takes no
interpreter options).

Every run has a timeout, stdin from /dev/null and stdout/stderr as pipes (under Wine, CPython
cannot start with a regular file as a standard stream).  Exit status 1 when a check failed.
"""
import argparse
import json
import os
import subprocess
import sys

# Names outside ASCII: Latin-1 (in cp1252, Wine's default ANSI code page), BMP outside cp1252,
# and astral (a surrogate pair in UTF-16, i.e. two wchar_t on Windows).
LATIN = "Grüße Gruppe"
BMP = "Datenbank Ω 数据库"
ASTRAL = "Gruppe \U0001F427 \U0001D11E"
NAMES = [LATIN, BMP, ASTRAL]

FAILED = []
PASSED = [0]


def topology(group_state=None, resource_state="ONLINE"):
    # A group's state is left out (the simulator derives it from its resources, as a cluster
    # reports it) unless one is forced for the BMP-named group.
    return {
        "cluster": {"name": "WINECLUSTER"},
        "nodes": [{"name": "NODE1"}, {"name": "NODE2"}],
        "groups": [{"name": "Cluster Group", "owner_node": "NODE1"}]
        + [dict({"name": n, "owner_node": "NODE2"}, **({"state": group_state} if n == BMP and group_state else {}))
           for n in NAMES],
        "resources": [{"name": "Cluster Name", "group": "Cluster Group"}]
        + [{"name": "Disk " + n, "group": n, "state": resource_state if n == ASTRAL else "ONLINE"} for n in NAMES],
    }


class Runner:
    def __init__(self, args, launcher=None):
        self.args = args
        self.launcher = launcher
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("CLUSAPI_PY_") and k not in ("PYTHONUTF8", "PYTHONIOENCODING")}

    def __call__(self, *argv, env=None, utf8=False):
        env = dict(env or {})
        if self.launcher:
            if utf8:
                env["PYTHONUTF8"] = "1"
            program = [self.launcher]
            shown = ["Scripts\\clusapi.exe"]
        else:
            program = [self.args.python] + (["-X", "utf8"] if utf8 else []) + ["-m", "clusapi_py"]
            shown = ["python.exe"] + (["-X", "utf8"] if utf8 else []) + ["-m", "clusapi_py"]
        cmd = ["timeout", "-k", "10", str(self.args.timeout), self.args.wine] + program + list(argv)
        e = dict(self.env, **env)
        proc = subprocess.run(cmd, cwd=self.args.work, env=e, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=self.args.timeout + 30)
        out = proc.stdout.replace(b"\r\n", b"\n")
        err = proc.stderr.replace(b"\r\n", b"\n")
        label = " ".join(["%s=%s" % kv for kv in env.items()] + shown + list(argv))
        print("$ %s -> exit %d, %d bytes out, %d bytes err" % (label, proc.returncode, len(out), len(err)))
        if proc.returncode == 124:
            raise AssertionError("timed out after %d s" % self.args.timeout)
        return proc.returncode, out, err


def check(name, fn):
    try:
        fn()
    except AssertionError as exc:
        FAILED.append(name)
        print("not ok - %s: %s" % (name, exc))
    else:
        PASSED[0] += 1
        print("ok - %s" % name)


def expect(cond, what, out=b"", err=b""):
    if not cond:
        raise AssertionError("%s\n  stdout: %r\n  stderr: %r" % (what, out[:600], err[:600]))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--wine", default="wine")
    p.add_argument("--python", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--launcher", help="pip's Scripts\\clusapi.exe: every check runs through it too")
    p.add_argument("--timeout", type=int, default=120)
    args = p.parse_args()
    if args.launcher and not os.path.isfile(args.launcher):
        p.error("no launcher at %s" % args.launcher)
    for run in [Runner(args)] + ([Runner(args, args.launcher)] if args.launcher else []):
        print("# --- through %s" % ("Scripts\\clusapi.exe" if run.launcher else "python.exe -m clusapi_py"))
        run_checks(args, run)
    print("# CLI under Wine: %d passed, %d failed" % (PASSED[0], len(FAILED)))
    return 1 if FAILED else 0


def run_checks(args, run):
    topo_dir = os.path.join(args.work, "cli-topologies")
    os.makedirs(topo_dir, exist_ok=True)
    topologies = {"healthy": topology(), "warning": topology(group_state="OFFLINE"),
                  "critical": topology(resource_state="FAILED")}
    for name, t in topologies.items():
        with open(os.path.join(topo_dir, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(t, f, ensure_ascii=False, indent=1)
    topo = {name: "cli-topologies\\%s.json" % name for name in topologies}  # a Windows path

    def first_line(out):
        return out.decode("utf-8").split("\n", 1)[0]

    def system_path():
        # No --sim, no CLUSAPI_PY_BACKEND: the real path.  Wine's clusapi.dll is stubs: it exports
        # OpenCluster but not OpenClusterEx, so the check cannot judge a cluster and must say so
        # (UNKNOWN, exit 3) -- never fall back to the simulator.
        code, out, err = run("status")
        text = (out + err).decode("utf-8", "replace")
        print("  " + "\n  ".join(text.strip().splitlines()[:6]))
        expect(code == 3 and first_line(out).startswith("CLUSTER UNKNOWN - ") and "(simulated)" not in text,
               "UNKNOWN, exit 3, no simulated cluster", out, err)

    def env_sim():
        code, out, err = run("status", env={"CLUSAPI_PY_BACKEND": "sim"})
        expect(code == 0, "exit 0 (healthy)", out, err)
        expect(first_line(out).startswith("CLUSTER OK - (simulated) CLUSTER01: 3/3 nodes up"),
               "the built-in CLUSTER01, healthy, marked simulated", out, err)

    def sim_status():
        code, out, err = run("--sim", "status")
        expect(code == 0 and first_line(out).startswith("CLUSTER OK - (simulated) CLUSTER01: 3/3 nodes up"),
               "exit 0, the built-in CLUSTER01 healthy", out, err)

    def sim_json():
        code, out, err = run("--sim", "status", "--json")
        expect(code == 0, "exit 0", out, err)
        data = json.loads(out.decode("utf-8"))
        expect(data["schema"] == 1 and data["cluster"] == "CLUSTER01" and data["simulated"] is True
               and data["state"] == "OK" and data["counts"]["nodes"]["total"] == 3,
               "CLUSTER01 healthy with 3 nodes, simulated", out, err)
        expect(err == b"", "nothing on stderr", out, err)

    def status_codes():
        for name, want, state in (("healthy", 0, "OK"), ("warning", 1, "WARNING"), ("critical", 2, "CRITICAL")):
            code, out, err = run("--sim", topo[name], "status", "--json", utf8=True)
            expect(code == want, "%s: exit %d, got %d" % (name, want, code), out, err)
            data = json.loads(out.decode("utf-8"))
            expect(data["state"] == state and data["exit_code"] == want, "%s: state %s" % (name, state), out, err)
        names = [(p["kind"], p["name"], p["object_state"]) for p in data["problems"]]
        # the failed resource fails its group too (the group's state is derived), both named exactly
        expect(names == [("group", ASTRAL, "FAILED"), ("resource", "Disk " + ASTRAL, "FAILED")],
               "critical: the astral group and resource named exactly: %r" % names, out, err)

    def status_text_utf8():
        code, out, err = run("--sim", topo["warning"], "status", "--verbose", utf8=True)
        text = out.decode("utf-8")
        expect(code == 1 and text.startswith("CLUSTER WARNING - (simulated) WINECLUSTER: "), "exit 1 (warning)",
               out, err)
        expect('group "%s" is OFFLINE' % BMP in first_line(out), "the offline group named on the first line",
               out, err)
        for n in NAMES:
            expect(n in text, "group %r listed (--verbose)" % n, out, err)

    def names_roundtrip_utf8():
        code, out, err = run("--sim", topo["healthy"], "groups", "--json", utf8=True)
        expect(code == 0, "exit 0", out, err)
        groups = [g["name"] for g in json.loads(out.decode("utf-8"))["groups"]]
        expect(groups[1:] == NAMES, "group names exactly as in the topology: %r" % groups, out, err)
        expect(ASTRAL.encode("utf-8") in out, "the astral name as one UTF-8 code point, not two surrogates", out, err)
        code, out, err = run("--sim", topo["healthy"], "resources", "--json", utf8=True)
        rows = json.loads(out.decode("utf-8"))["resources"]
        expect(code == 0 and [(r["name"], r["group"]) for r in rows[1:]] == [("Disk " + n, n) for n in NAMES],
               "resources and their groups exactly", out, err)

    def dump_roundtrip_utf8():
        code, out, err = run("--sim", topo["critical"], "dump", utf8=True)
        expect(code == 0, "exit 0", out, err)
        dumped = json.loads(out.decode("utf-8"))
        expect([g["name"] for g in dumped["groups"]][1:] == NAMES, "dump keeps the names", out, err)
        states = {r["name"]: r["state"] for r in dumped["resources"]}
        expect(states["Disk " + ASTRAL] in ("FAILED", 4), "dump keeps the failed state: %r" % states, out, err)

    def redirected_output_is_utf8():
        # No -X utf8: a Windows CPython would write a redirected stdout in the ANSI code page; the
        # CLI writes UTF-8 to anything that is not a console, so every name comes through intact.
        code, out, err = run("--sim", topo["healthy"], "groups", "--json")
        expect(code == 0, "exit 0", out, err)
        groups = [g["name"] for g in json.loads(out.decode("utf-8"))["groups"]]
        expect(groups[1:] == NAMES, "UTF-8 JSON with every name intact: %r" % groups, out, err)
        code, out, err = run("--sim", topo["warning"], "status")
        expect(code == 1 and BMP.encode("utf-8") in out, "the check's text in UTF-8, exit 1", out, err)
        latin_only = dict(topology(), groups=[{"name": LATIN}], resources=[])
        path = os.path.join(topo_dir, "latin.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(latin_only, f, ensure_ascii=False)
        code, out, err = run("--sim", "cli-topologies\\latin.json", "groups", "--json")
        expect(code == 0 and LATIN.encode("utf-8") in out, "a name inside cp1252 as UTF-8 bytes, not cp1252",
               out, err)

    def usage_error():
        code, out, err = run("frobnicate")
        expect(code == 3 and out == b"" and b"usage: clusapi" in err and b"unknown command 'frobnicate'" in err,
               "usage error: exit 3 (UNKNOWN), usage on stderr", out, err)

    def missing_topology():
        code, out, err = run("--sim", "cli-topologies\\missing.json", "groups")
        expect(code == 3 and out == b"" and err.startswith(b"clusapi: ") and err.count(b"\n") == 1,
               "exit 3 and one line on stderr", out, err)
        code, out, err = run("--sim", "cli-topologies\\missing.json", "status")
        expect(code == 3 and first_line(out).startswith("CLUSTER UNKNOWN - ") and out.count(b"\n") == 1,
               "status: UNKNOWN, exit 3, one line on stdout", out, err)

    def unknown_cluster():
        code, out, err = run("--sim", topo["healthy"], "--cluster", "NOSUCHCLUSTER", "status")
        expect(code == 3 and first_line(out).startswith("CLUSTER UNKNOWN - (simulated) ")
               and b"1722" in out, "UNKNOWN naming error 1722, exit 3", out, err)

    for name, fn in [("status on the system path (Wine's clusapi.dll): UNKNOWN", system_path),
                     ("CLUSAPI_PY_BACKEND=sim status", env_sim),
                     ("--sim status", sim_status),
                     ("--sim status --json", sim_json),
                     ("status exit codes 0/1/2 with --json", status_codes),
                     ("status table with non-ASCII and astral names (-X utf8)", status_text_utf8),
                     ("groups/resources --json keep the names exactly (-X utf8)", names_roundtrip_utf8),
                     ("dump round-trips names and states (-X utf8)", dump_roundtrip_utf8),
                     ("redirected output is UTF-8 (no -X utf8)", redirected_output_is_utf8),
                     ("usage error exits 3", usage_error),
                     ("missing topology file exits 3", missing_topology),
                     ("unknown cluster name exits 3", unknown_cluster)]:
        check("%s: %s" % ("clusapi.exe" if run.launcher else "python -m clusapi_py", name), fn)


if __name__ == "__main__":
    sys.exit(main())

"""The Windows abi3 wheel, made from a Linux abi3 wheel of the same sdist, and its checks.

    python win_wheel.py make  LINUX_WHEEL PYD PLATFORM OUTDIR   (needs the `wheel` tool)
    python win_wheel.py check WIN_WHEEL LINUX_WHEEL LICENSE PLATFORM   (stdlib only)

Run by tests/windows/python_stage.sh with its host venv; `check` is also what
tests/packaging/test_win_wheel.py exercises on made-up wheels.

Why a Linux wheel is the template: setuptools builds the same wheel on every platform but for
the compiled extension, whose name and tag follow the platform.  On Windows an abi3 extension
is `clusapi_py/_clusapi.pyd` (no `.abi3` part: Windows has no ABI suffix) and the wheel is
tagged cp39-abi3-win_amd64 (or win32, win_arm64).  So `make` unpacks the wheel setuptools built
from the sdist, puts the mingw-w64 `.pyd` where the `.so` was, changes the WHEEL file's Tag line
and packs it with `wheel pack`, which writes RECORD again.  Everything else -- the modules, the
native sources, the data, METADATA, entry_points.txt, LICENSE -- is setuptools' own output.

`check` holds the result to that, file by file, so a change to the template or to `make` that
breaks the shape fails here rather than on a user's machine.
"""
import base64
import csv
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

# The stable-ABI floor of the wheels (setup.py's py_limited_api).
ABI_TAGS = "cp39-abi3"
EXTENSION_UNIX = re.compile(r"^clusapi_py/_clusapi\.abi3\.so$")
EXTENSION_WINDOWS = "clusapi_py/_clusapi.pyd"
# PE machine of each Windows platform tag.
PE_MACHINES = {"win_amd64": 0x8664, "win32": 0x14C, "win_arm64": 0xAA64}
IMAGE_FILE_DLL = 0x2000
# Never in a Windows wheel: clusapi.dll is a system DLL (no repair step bundles it), and no
# other platform's binary belongs there.
FOREIGN = re.compile(r"(\.dll|\.so|\.dylib|\.exe)$", re.I)


class WheelError(Exception):
    pass


def wheel_filename_tags(filename):
    """(name, version, tags) of a wheel file name, tags as 'py-abi-plat' strings."""
    base = os.path.basename(filename)
    match = re.match(r"^([^-]+)-([^-]+)(?:-\d[^-]*)?-([^-]+)-([^-]+)-([^-]+)\.whl$", base)
    if not match:
        raise WheelError("%s is not a wheel file name" % base)
    name, version, pys, abis, plats = match.groups()
    tags = {"%s-%s-%s" % (p, a, pl) for p in pys.split(".") for a in abis.split(".") for pl in plats.split(".")}
    return name, version, tags


def dist_info(names):
    found = sorted({n.split("/", 1)[0] for n in names if re.match(r"^[^/]+\.dist-info/", n)})
    if len(found) != 1:
        raise WheelError("expected one .dist-info folder, found %s" % found)
    return found[0]


def wheel_fields(text):
    fields = {}
    for line in text.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            fields.setdefault(key.strip(), []).append(value.strip())
    return fields


def record_problems(z, info):
    """What is wrong with RECORD: a file it misses or lists twice, a wrong hash or size."""
    rows = list(csv.reader(io.StringIO(z.read(info + "/RECORD").decode("utf-8"))))
    problems = []
    listed = [row[0] for row in rows]
    files = [n for n in z.namelist() if not n.endswith("/")]
    for name in sorted(set(files) - set(listed)):
        problems.append("%s is not in RECORD" % name)
    for name in sorted(set(listed) - set(files)):
        problems.append("RECORD lists %s, which is not in the wheel" % name)
    if len(listed) != len(set(listed)):
        problems.append("RECORD lists a file twice")
    for name, digest, size in rows:
        if name == info + "/RECORD" or name not in files:
            continue
        data = z.read(name)
        want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        if digest != want or size != str(len(data)):
            problems.append("RECORD's hash or size of %s is wrong" % name)
    return problems


def pe_problems(data, platform):
    """The .pyd must be a PE DLL for the platform's machine."""
    if data[:2] != b"MZ" or len(data) < 0x40:
        return ["the extension is not a PE file (no MZ header)"]
    offset = struct.unpack_from("<I", data, 0x3C)[0]
    if data[offset:offset + 4] != b"PE\0\0":
        return ["the extension has no PE signature"]
    machine, _, _, _, _, _, characteristics = struct.unpack_from("<HHIIIHH", data, offset + 4)
    problems = []
    if machine != PE_MACHINES[platform]:
        problems.append("the extension's PE machine is 0x%x, not 0x%x (%s)" % (machine, PE_MACHINES[platform], platform))
    if not characteristics & IMAGE_FILE_DLL:
        problems.append("the extension is not a DLL")
    return problems


def check(win_wheel, linux_wheel, license_path, platform):
    """Every way the Windows wheel can differ from setuptools' shape; [] when it does not."""
    problems = []
    name, version, tags = wheel_filename_tags(win_wheel)
    want_tag = "%s-%s" % (ABI_TAGS, platform)
    if name != "clusapi_py":
        problems.append("file name: project %r, not clusapi_py" % name)
    if tags != {want_tag}:
        problems.append("file name tags %s, not exactly %s" % (sorted(tags), want_tag))
    lname, lversion, _ = wheel_filename_tags(linux_wheel)
    if (lname, lversion) != (name, version):
        problems.append("the Linux wheel is %s %s, the Windows one %s %s" % (lname, lversion, name, version))
    with zipfile.ZipFile(win_wheel) as win, zipfile.ZipFile(linux_wheel) as lin:
        info, linfo = dist_info(win.namelist()), dist_info(lin.namelist())
        if info != "%s-%s.dist-info" % (name, version):
            problems.append("dist-info folder %s does not match the file name" % info)
        fields = wheel_fields(win.read(info + "/WHEEL").decode("utf-8"))
        if fields.get("Tag") != [want_tag]:
            problems.append("WHEEL Tag lines %s, not exactly [%r]" % (fields.get("Tag"), want_tag))
        if fields.get("Root-Is-Purelib") != ["false"]:
            problems.append("WHEEL Root-Is-Purelib %s, not false" % fields.get("Root-Is-Purelib"))
        if fields.get("Wheel-Version") != ["1.0"]:
            problems.append("WHEEL Wheel-Version %s, not 1.0" % fields.get("Wheel-Version"))
        problems += record_problems(win, info)

        win_files = {n for n in win.namelist() if not n.endswith("/")} - {info + "/RECORD"}
        lin_files = {n for n in lin.namelist() if not n.endswith("/")} - {linfo + "/RECORD"}
        unix_ext = {n for n in lin_files if EXTENSION_UNIX.match(n)}
        if len(unix_ext) != 1:
            problems.append("the Linux wheel holds %s, not one clusapi_py/_clusapi.abi3.so" % sorted(unix_ext))
        expected = (lin_files - unix_ext) | {EXTENSION_WINDOWS}
        for missing in sorted(expected - win_files):
            problems.append("missing from the Windows wheel: %s" % missing)
        for extra in sorted(win_files - expected):
            problems.append("not in setuptools' wheel: %s" % extra)
        for foreign in sorted(n for n in win_files if FOREIGN.search(n)):
            problems.append("a binary that does not belong in a Windows wheel: %s" % foreign)
        for same in sorted((win_files & lin_files) - {info + "/WHEEL"}):
            if win.read(same) != lin.read(same):
                problems.append("%s differs from setuptools' output" % same)
        if EXTENSION_WINDOWS in win_files:
            problems += pe_problems(win.read(EXTENSION_WINDOWS), platform)

        entry_points = win.read(info + "/entry_points.txt").decode("utf-8") if info + "/entry_points.txt" in win_files else ""
        if not re.search(r"^\[console_scripts\]\s*\nclusapi = clusapi_py\.cli:main$", entry_points, re.M):
            problems.append("entry_points.txt lacks the console script clusapi = clusapi_py.cli:main")
        licenses = [n for n in win_files if re.match(re.escape(info) + r"/(licenses/)?LICENSE$", n)]
        with open(license_path, "rb") as f:
            license_text = f.read()
        if len(licenses) != 1 or win.read(licenses[0]) != license_text:
            problems.append("not one LICENSE identical to the repository's: %s" % licenses)
    return problems


def make(linux_wheel, pyd, platform, outdir):
    """The Windows wheel from setuptools' Linux wheel: the .pyd for the .so, the platform tag."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "wheel", "unpack", "-d", tmp, linux_wheel], check=True)
        (root,) = [os.path.join(tmp, d) for d in os.listdir(tmp)]
        with zipfile.ZipFile(linux_wheel) as z:
            info = dist_info(z.namelist())
            unix_ext = [n for n in z.namelist() if EXTENSION_UNIX.match(n)]
        if len(unix_ext) != 1:
            raise WheelError("%s holds %s, not one _clusapi.abi3.so" % (linux_wheel, unix_ext))
        os.remove(os.path.join(root, unix_ext[0]))
        shutil.copyfile(pyd, os.path.join(root, EXTENSION_WINDOWS))
        wheel_file = os.path.join(root, info, "WHEEL")
        with open(wheel_file, encoding="utf-8") as f:
            text = f.read()
        tag_lines = re.findall(r"^Tag: .*$", text, re.M)
        if len(tag_lines) != 1 or not tag_lines[0].startswith("Tag: %s-linux_" % ABI_TAGS):
            raise WheelError("%s: WHEEL has Tag lines %s, expected one %s-linux_*" % (linux_wheel, tag_lines, ABI_TAGS))
        with open(wheel_file, "w", encoding="utf-8", newline="") as f:
            f.write(text.replace(tag_lines[0], "Tag: %s-%s" % (ABI_TAGS, platform)))
        os.makedirs(outdir, exist_ok=True)
        subprocess.run([sys.executable, "-m", "wheel", "pack", "-d", outdir, root], check=True)
    name, version, _ = wheel_filename_tags(linux_wheel)
    made = os.path.join(outdir, "%s-%s-%s-%s.whl" % (name, version, ABI_TAGS, platform))
    if not os.path.isfile(made):
        raise WheelError("wheel pack did not write %s" % made)
    return made


def main(argv):
    if len(argv) == 5 and argv[0] == "make":
        print(make(*argv[1:]))
        return 0
    if len(argv) == 5 and argv[0] == "check":
        problems = check(*argv[1:])
        for problem in problems:
            print("not ok - %s" % problem)
        if problems:
            return 1
        print("ok - %s: tags %s-%s, the files, METADATA, entry points and LICENSE of setuptools' wheel,"
              " RECORD complete" % (os.path.basename(argv[1]), ABI_TAGS, argv[4]))
        return 0
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

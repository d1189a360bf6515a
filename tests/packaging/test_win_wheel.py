"""tests/packaging/win_wheel.py's `check`: the Windows wheel's shape, held to setuptools' wheel.

Made-up wheels (a few files each) stand for the real ones, which tests/windows/python_stage.sh
builds and checks; here each way a Windows wheel can go wrong must be caught and named.
"""
import base64
import hashlib
import importlib.util
import os
import struct
import zipfile
from pathlib import Path
from typing import Callable, Dict, List, Optional

import pytest

_spec = importlib.util.spec_from_file_location("win_wheel", Path(__file__).with_name("win_wheel.py"))
assert _spec is not None and _spec.loader is not None
win_wheel = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(win_wheel)

LICENSE = b"MIT License\n\nCopyright (c) the clusapi_py developers\n"
INFO = "clusapi_py-1.2.3.dist-info"
ENTRY_POINTS = b"[console_scripts]\nclusapi = clusapi_py.cli:main\n"


def pe_dll(machine: int = 0x8664, characteristics: int = 0x2022) -> bytes:
    """The smallest bytes pe_problems reads: an MZ header pointing at a PE file header."""
    header = bytearray(0x40)
    header[:2] = b"MZ"
    struct.pack_into("<I", header, 0x3C, 0x40)
    return bytes(header) + b"PE\0\0" + struct.pack("<HHIIIHH", machine, 1, 0, 0, 0, 0xF0, characteristics)


def package_files(extension: str, extension_data: bytes, tag: str) -> Dict[str, bytes]:
    return {
        "clusapi_py/__init__.py": b"__version__ = '1.2.3'\n",
        "clusapi_py/_native/core/cs_core.c": b"int x;\n",
        extension: extension_data,
        INFO + "/METADATA": b"Metadata-Version: 2.4\nName: clusapi_py\nVersion: 1.2.3\n",
        INFO + "/WHEEL": ("Wheel-Version: 1.0\nGenerator: setuptools (80.9.0)\nRoot-Is-Purelib: false\n"
                          "Tag: %s\n" % tag).encode(),
        INFO + "/entry_points.txt": ENTRY_POINTS,
        INFO + "/top_level.txt": b"clusapi_py\n",
        INFO + "/licenses/LICENSE": LICENSE,
    }


def write_wheel(path: Path, files: Dict[str, bytes], record: Optional[Callable[[str], str]] = None) -> Path:
    rows: List[str] = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        rows.append("%s,sha256=%s,%d" % (name, digest, len(data)))
    rows.append(INFO + "/RECORD,,")
    text = "\n".join(rows) + "\n"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
        z.writestr(INFO + "/RECORD", record(text) if record else text)
    return path


@pytest.fixture
def pair(tmp_path: Path) -> Callable[..., List[str]]:
    """check() on a Linux wheel and a Windows wheel made from it with the given changes."""
    (tmp_path / "LICENSE").write_bytes(LICENSE)
    linux = write_wheel(tmp_path / "clusapi_py-1.2.3-cp39-abi3-linux_x86_64.whl",
                        package_files("clusapi_py/_clusapi.abi3.so", b"\x7fELF", "cp39-abi3-linux_x86_64"))

    def run(name: str = "clusapi_py-1.2.3-cp39-abi3-win_amd64.whl", tag: str = "cp39-abi3-win_amd64",
            pyd: bytes = pe_dll(), change: Optional[Callable[[Dict[str, bytes]], None]] = None,
            record: Optional[Callable[[str], str]] = None) -> List[str]:
        files = package_files("clusapi_py/_clusapi.pyd", pyd, tag)
        if change:
            change(files)
        path = write_wheel(tmp_path / name, files, record)
        problems: List[str] = win_wheel.check(str(path), str(linux), str(tmp_path / "LICENSE"), "win_amd64")
        os.remove(path)
        return problems
    return run


def test_a_wheel_shaped_like_setuptools_one_passes(pair: Callable[..., List[str]]) -> None:
    assert pair() == []


def test_a_version_specific_tag_is_not_abi3(pair: Callable[..., List[str]]) -> None:
    problems = pair(name="clusapi_py-1.2.3-cp313-cp313-win_amd64.whl", tag="cp313-cp313-win_amd64")
    assert any("not exactly cp39-abi3-win_amd64" in p for p in problems), problems
    assert any("WHEEL Tag lines ['cp313-cp313-win_amd64']" in p for p in problems), problems


def test_the_linux_tag_left_in_wheel_is_caught_even_with_a_windows_file_name(pair: Callable[..., List[str]]) -> None:
    problems = pair(tag="cp39-abi3-linux_x86_64")
    assert problems == ["WHEEL Tag lines ['cp39-abi3-linux_x86_64'], not exactly ['cp39-abi3-win_amd64']"]


def test_a_bundled_clusapi_dll_is_refused(pair: Callable[..., List[str]]) -> None:
    problems = pair(change=lambda files: files.update({"clusapi_py.libs/clusapi.dll": pe_dll()}))
    assert "not in setuptools' wheel: clusapi_py.libs/clusapi.dll" in problems
    assert "a binary that does not belong in a Windows wheel: clusapi_py.libs/clusapi.dll" in problems


def test_a_file_left_out_is_named(pair: Callable[..., List[str]]) -> None:
    problems = pair(change=lambda files: files.pop("clusapi_py/_native/core/cs_core.c"))
    assert problems == ["missing from the Windows wheel: clusapi_py/_native/core/cs_core.c"]


def test_the_linux_extension_kept_beside_the_pyd_is_refused(pair: Callable[..., List[str]]) -> None:
    problems = pair(change=lambda files: files.update({"clusapi_py/_clusapi.abi3.so": b"\x7fELF"}))
    assert "not in setuptools' wheel: clusapi_py/_clusapi.abi3.so" in problems


def test_changed_metadata_or_entry_points_are_caught(pair: Callable[..., List[str]]) -> None:
    def change(files: Dict[str, bytes]) -> None:
        files[INFO + "/entry_points.txt"] = b"[console_scripts]\nclusapi = clusapi_py.other:main\n"
    problems = pair(change=change)
    assert INFO + "/entry_points.txt differs from setuptools' output" in problems
    assert "entry_points.txt lacks the console script clusapi = clusapi_py.cli:main" in problems


def test_a_32_bit_or_non_dll_extension_is_refused(pair: Callable[..., List[str]]) -> None:
    assert pair(pyd=pe_dll(machine=0x14C)) == ["the extension's PE machine is 0x14c, not 0x8664 (win_amd64)"]
    assert pair(pyd=pe_dll(characteristics=0x22)) == ["the extension is not a DLL"]
    assert pair(pyd=b"\x7fELF" + bytes(100)) == ["the extension is not a PE file (no MZ header)"]


def test_a_wrong_record_is_caught(pair: Callable[..., List[str]]) -> None:
    def drop_init(text: str) -> str:
        return "".join(line + "\n" for line in text.splitlines() if not line.startswith("clusapi_py/__init__.py"))

    def corrupt_hash(text: str) -> str:
        return text.replace("clusapi_py/__init__.py,sha256=", "clusapi_py/__init__.py,sha256=x")
    assert pair(record=drop_init) == ["clusapi_py/__init__.py is not in RECORD"]
    assert pair(record=corrupt_hash) == ["RECORD's hash or size of clusapi_py/__init__.py is wrong"]


def test_a_license_that_differs_from_the_repository_is_caught(pair: Callable[..., List[str]]) -> None:
    problems = pair(change=lambda files: files.update({INFO + "/licenses/LICENSE": b"Proprietary\n"}))
    assert any(p.startswith("not one LICENSE identical to the repository's") for p in problems), problems


def test_a_file_name_that_is_no_wheel_name_raises() -> None:
    with pytest.raises(win_wheel.WheelError, match="is not a wheel file name"):
        win_wheel.wheel_filename_tags("clusapi_py-1.2.3.tar.gz")

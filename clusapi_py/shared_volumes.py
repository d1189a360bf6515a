"""Cluster Shared Volumes: every CSV resource with its owner, state and
volumes -- path, partition, size, free space, fault and backup state.

Read with ClusterOpenEnum(CLUSTER_ENUM_SHARED_VOLUME_RESOURCE), then per CSV
resource GetClusterResourceState, CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO
and CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX.  An offline CSV is listed with
its state and no volumes.  Structure offsets: the x64 layouts of
CLUS_CSV_VOLUME_INFO and CLUS_PARTITION_INFO_EX (no pointers inside; the volume
label is the partition's szVolumeLabel at 524); 8-byte
fields are read unaligned.
"""
from __future__ import annotations

import contextlib
import enum
import struct
from typing import Any, Iterator

from . import _bindings as bindings
from . import _consts as consts
from . import errors, kinds
from ._wide import text_to_nul
from .enums import CsvFaultState, ResourceState
from .properties.controls import control_bytes
from .properties.codec import parse
from .records import CsvNodeState, CsvVolume, SharedVolume

__all__ = ["read_shared_volumes", "value_list", "csv_node_states", "CsvVolumeState", "read_csv_node_states"]

lib = bindings.lib
CSV_INFO_SIZE = 640
PARTITION_INFO_SIZE = 1160
_ENDMARK = 0


def value_list(data: bytes) -> list[tuple[int, bytes]]:
    """The (syntax, data) entries of a CLUSPROP value list (no names, ENDMARK last)."""
    out: list[tuple[int, bytes]] = []
    pos, size = 0, len(data)
    while True:
        if pos + 4 > size:
            raise ValueError("value list: truncated at offset %d (no ENDMARK)" % pos)
        syntax = struct.unpack_from("<I", data, pos)[0]
        if syntax == _ENDMARK:
            return out
        if pos + 8 > size:
            raise ValueError("value list: truncated entry at offset %d" % pos)
        cb = struct.unpack_from("<I", data, pos + 4)[0]
        if cb > size - pos - 8:
            raise ValueError("value list: byte count %d at offset %d overruns the buffer" % (cb, pos))
        out.append((syntax, bytes(data[pos + 8:pos + 8 + cb])))
        pos += 8 + ((cb + 3) & ~3)


class CsvVolumeState(enum.IntEnum):
    """CLUSTER_SHARED_VOLUME_STATE: a CSV's state on one node."""

    UNAVAILABLE = 0
    PAUSED = 1
    ACTIVE = 2
    ACTIVE_REDIRECTED = 3           # file system redirected
    ACTIVE_VOLUME_REDIRECTED = 4    # block level redirected


STATE_INFO_EX_SIZE = 1584           # x64; the protocol document draws it without the 4 padding bytes (1580)


def csv_node_states(data: bytes) -> list[CsvNodeState]:
    """The per-node states a SHARED_VOLUME STATE notification carries: a property
    list of BINARY CLUSTER_SHARED_VOLUME_STATE_INFO_EX values (NodeName at 520,
    VolumeState at 1040, the two redirected-I/O reasons as the last 16 bytes,
    read unaligned).  Malformed input is a ValueError."""
    out = []
    for p in parse(data):
        raw = p.value
        if not isinstance(raw, bytes) or len(raw) not in (STATE_INFO_EX_SIZE, STATE_INFO_EX_SIZE - 4):
            raise ValueError("shared volume state %r: %s, expected %d or %d bytes"
                             % (p.name, "%d bytes" % len(raw) if isinstance(raw, bytes) else type(raw).__name__,
                                STATE_INFO_EX_SIZE, STATE_INFO_EX_SIZE - 4))
        state = struct.unpack_from("<I", raw, 1040)[0]
        redirected, block = struct.unpack_from("<QQ", raw, len(raw) - 16)
        out.append(CsvNodeState(text_to_nul(raw[520:1040], "CSV node name"),
                                CsvVolumeState(state) if state in CsvVolumeState._value2member_map_ else state,
                                redirected, block))
    return out


def _volumes(token: int) -> tuple[CsvVolume, ...]:
    infos = [v for s, v in value_list(control_bytes(token, consts.CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO,
                                                    "resource")) if len(v) >= CSV_INFO_SIZE]
    sizes: dict[int, tuple[int, int, str]] = {}
    try:
        disk = control_bytes(token, consts.CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX, "resource")
    except errors.ClusterError:
        disk = b"\0\0\0\0"
    for _syntax, v in value_list(disk):
        if len(v) >= PARTITION_INFO_SIZE:
            total, free = struct.unpack_from("<QQ", v, 1120)
            sizes[struct.unpack_from("<I", v, 1140)[0]] = (total, free, text_to_nul(v[524:1044], "CSV partition name"))
    out = []
    for v in infos:
        partition, fault, backup = struct.unpack_from("<III", v, 8)
        part = sizes.get(partition)
        out.append(CsvVolume(text_to_nul(v[20:540], "CSV volume name"), text_to_nul(v[540:640], "CSV volume label"),
                             partition, part[0] if part else None,
                             part[1] if part else None, CsvFaultState(fault), backup, part[2] if part else ""))
    return tuple(out)


@contextlib.contextmanager
def _resource(cluster_token: int, name: str) -> Iterator[int]:
    """A token of the CSV resource for the block (0 when it was deleted since it was
    listed), closed afterwards -- also when an exception from a signal handler lands
    between the open and the block (the shim still holds the token as pending)."""
    token = 0
    try:
        token = lib.cs_open_object(cluster_token, kinds.RESOURCE.id, name, consts.GENERIC_READ)
    except BaseException:
        lib.cs_reclaim_pending()
        raise
    try:
        if not token:
            exc = bindings.last_error("resource", name)
            if not isinstance(exc, errors.ClusterObjectNotFoundError):
                raise exc
        yield token
    finally:
        if token:
            lib.cs_close(token)


def _one(cluster_token: int, name: str) -> SharedVolume | None:
    with _resource(cluster_token, name) as token:
        if not token:
            return None
        fields, ints = bindings.call_result(lib.cs_status, token, what="resource", name=name)
        state = ResourceState(ints[0]) if ints[0] in ResourceState._value2member_map_ else int(ints[0])
        volumes: tuple[CsvVolume, ...] = ()
        if state == ResourceState.ONLINE:
            try:
                volumes = _volumes(token)
            except errors.ClusterError as e:
                if e.winerror != consts.ERROR_RESOURCE_NOT_ONLINE:
                    raise
        return SharedVolume(name, fields[0], state, volumes)


def read_shared_volumes(cluster_token: int) -> list[SharedVolume]:
    names: Any = bindings.call_result(lib.cs_list, cluster_token, consts.CLUSTER_ENUM_SHARED_VOLUME_RESOURCE,
                                      what="cluster")[0]
    return [v for v in (_one(cluster_token, n) for n in names) if v is not None]


def _node_states_of(cluster_token: int, name: str) -> tuple[CsvNodeState, ...] | None:
    with _resource(cluster_token, name) as token:
        if not token:
            return None
        try:
            data = control_bytes(token, consts.CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES, "resource")
        except errors.ClusterError as e:
            if e.winerror in (consts.ERROR_INVALID_FUNCTION, consts.ERROR_INVALID_PARAMETER,
                              consts.ERROR_RESOURCE_NOT_ONLINE):
                return ()               # not answered here: known from the next SHARED_VOLUME_STATE event
            raise
        try:
            return tuple(csv_node_states(data))
        except ValueError:
            return ()


def read_csv_node_states(cluster_token: int) -> dict[str, tuple[CsvNodeState, ...]]:
    """{CSV resource name: its per-node states}: the CLUSTER_ENUM_SHARED_VOLUME_RESOURCE
    enumeration, then per CSV CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_STATES decoded like a
    SHARED_VOLUME_STATE event's payload (an empty tuple where the cluster does not answer it).
    Round trips: 1 + 3 per CSV (open, control, close)."""
    names: Any = bindings.call_result(lib.cs_list, cluster_token, consts.CLUSTER_ENUM_SHARED_VOLUME_RESOURCE,
                                      what="cluster")[0]
    out: dict[str, tuple[CsvNodeState, ...]] = {}
    for n in names:
        states = _node_states_of(cluster_token, n)
        if states is not None:
            out[n] = states
    return out

"""What the handle classes mix in: properties of every object, and the
resource's and group's type, failure info and times."""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from .. import _consts as consts
from ..records import FailureInfo, SetResult
from .codec import Property, PropertyValue
from .controls import read_failure_info, read_filetime, read_property_list, read_text
from .writes import set_properties

__all__ = ["PropertiesMixin", "ResourceControlsMixin", "GroupControlsMixin"]


class PropertiesMixin:
    """properties(), private_properties(), property_list() for a handle
    class with `_tok()`, `_kind` and `_what`."""

    __slots__ = ()
    _kind: int
    _what: str

    def _tok(self) -> int:  # pragma: no cover - provided by the handle class
        raise NotImplementedError

    def property_list(self, private: bool = False) -> list[Property]:
        """Every common (or private) property with its syntax and whether it is read-only:
        GET_(RO_)COMMON_PROPERTIES / GET_(RO_)PRIVATE_PROPERTIES, two control calls."""
        return read_property_list(self._tok(), self._kind, bool(private), self._what)

    def properties(self) -> dict[str, PropertyValue]:
        """The common properties, read-write and read-only, by name.  A property the
        object's Windows version does not have is absent."""
        return {p.name: p.value for p in self.property_list(False)}

    def private_properties(self) -> dict[str, PropertyValue]:
        """The private properties (those of the resource's type, ...) by name."""
        return {p.name: p.value for p in self.property_list(True)}

    def set_properties(self, values: Mapping[str, Any], *, private: bool = False,
                       validate_only: bool = False) -> SetResult:
        """Writes common (or private) properties: each value must have the type of the
        property's current syntax (an int for a DWORD, a str for an SZ, a list of str for a
        MULTI_SZ, bytes for binary: else TypeError); a read-only or unknown name is a
        ValueError.  Nothing is sent until every value passes.  The cluster validates the
        list (VALIDATE_*_PROPERTIES), then stores it (SET_*_PROPERTIES) unless
        `validate_only`.  Needs a handle opened with full access (else
        ClusterAccessDeniedError from the cluster).  `needs_restart`: stored, effective at
        the resource's next online (ERROR_RESOURCE_PROPERTIES_STORED)."""
        return set_properties(self._tok(), self._kind, values, bool(private), bool(validate_only), self._what,
                              getattr(self, "_name", None))


class ResourceControlsMixin:
    __slots__ = ()
    _what: str

    def _tok(self) -> int:  # pragma: no cover - provided by the handle class
        raise NotImplementedError

    @property
    def resource_type(self) -> str:
        """The resource's type name (CLUSCTL_RESOURCE_GET_RESOURCE_TYPE)."""
        return read_text(self._tok(), consts.CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, self._what)

    def failure_info(self) -> FailureInfo | None:
        """Restart attempts and period remaining; None where the cluster lacks the code."""
        return read_failure_info(self._tok(), consts.CLUSCTL_RESOURCE_GET_FAILURE_INFO, self._what)

    @property
    def state_change_time(self) -> datetime.datetime | None:
        """When the resource last changed state (UTC); None where unsupported."""
        return read_filetime(self._tok(), consts.CLUSCTL_RESOURCE_GET_STATE_CHANGE_TIME, self._what)


class GroupControlsMixin:
    __slots__ = ()
    _what: str

    def _tok(self) -> int:  # pragma: no cover - provided by the handle class
        raise NotImplementedError

    def failure_info(self) -> FailureInfo | None:
        """Failover attempts and period remaining; None where the cluster lacks the code."""
        return read_failure_info(self._tok(), consts.CLUSCTL_GROUP_GET_FAILURE_INFO, self._what)

    @property
    def last_move_time(self) -> datetime.datetime | None:
        """When the group last moved (UTC); None where unsupported."""
        return read_filetime(self._tok(), consts.CLUSCTL_GROUP_GET_LAST_MOVE_TIME, self._what)

"""Configuration calls of groups and resources (api/cs_config.h): a group's
preferred owners and a resource's dependency expression, each checked in
Python before the one call that makes it.

Dependency expressions (SetClusterResourceDependencyExpression's grammar):
resource names in brackets joined by `and` / `or` (case-insensitive), with
parentheses: `[IP A] or [IP B]`, `([Disk 1] and [Name]) or [Disk 2]`; ""
clears every dependency.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Union

from .. import _bindings as bindings
from .. import errors, kinds
from ._base import _Handle

if TYPE_CHECKING:
    from .objects import Group, Node, Resource

__all__ = ["set_preferred_owners", "parse_dependency_expression", "set_dependencies", "dependency_expression",
           "DEPENDENCY_CODES"]

ffi, lib = bindings.ffi, bindings.lib

#: What SetClusterResourceDependencyExpression answers for an expression it refuses:
#: ERROR_INVALID_PARAMETER (grammar, self-reference, another group's resource),
#: ERROR_DEPENDENCY_ALREADY_EXISTS, ERROR_CIRCULAR_DEPENDENCY.
DEPENDENCY_CODES = frozenset({87, 5003, 1059})

_TOKEN = re.compile(r"\s*(?:(\[)([^\]]*)(\])|(\()|(\))|([A-Za-z]+)|(\S))")


def set_preferred_owners(group: "Group", nodes: "Iterable[Union[Node, str]]") -> None:
    """SetClusterGroupNodeList with `nodes` (Node handles of the same Cluster, or names), most
    preferred first; an empty list clears it."""
    if isinstance(nodes, (str, bytes)) or not isinstance(nodes, Iterable):
        raise TypeError("nodes must be a list of Node handles or names, not %s" % type(nodes).__name__)
    items = list(nodes)
    seen: set[str] = set()
    what = "group %r" % group.name
    for n in items:
        if isinstance(n, _Handle) and getattr(n, "_kind", None) == kinds.NODE.id:
            if getattr(n, "cluster", None) is not group.cluster:
                raise ValueError("%s: node %r was opened from another Cluster" % (what, n.name))
            name = n.name
        elif isinstance(n, str) and n and "\0" not in n:
            name = n
        else:
            raise TypeError("%s: a preferred owner is a Node or a node name, not %r" % (what, n))
        if name.lower() in seen:
            raise ValueError("%s: node %r listed twice" % (what, name))
        seen.add(name.lower())
    opened: list[Node] = []
    try:
        tokens = []
        for n in items:
            if isinstance(n, str):
                node = group.cluster._open_node_argument(n)
                opened.append(node)
                tokens.append(node._tok())
            else:
                tokens.append(n._tok())
        array = ffi.new("uint64_t[]", tokens) if tokens else ffi.NULL
        if lib.cs_group_set_preferred_owners(group._tok(), array, len(tokens)):
            raise bindings.last_error(group._what, group.name)
    finally:
        for node in opened:
            node.close()


def parse_dependency_expression(expression: str) -> list[str]:
    """The resource names of an expression, in order; ValueError (naming the position) for
    anything that is not the grammar."""
    if not isinstance(expression, str):
        raise TypeError("a dependency expression is a str, not %s" % type(expression).__name__)
    names: list[str] = []
    tokens: list[tuple[str, str, int]] = []        # (kind, text, offset)
    pos = 0
    while pos < len(expression):
        if expression[pos:].strip() == "":
            break
        m = _TOKEN.match(expression, pos)
        if m is None or m.group(7) is not None or (m.group(1) and not m.group(3)):
            raise ValueError("dependency expression %r: unexpected text at offset %d" % (expression, pos))
        if m.group(1):
            if not m.group(2).strip():
                raise ValueError("dependency expression %r: an empty name at offset %d" % (expression, m.start(1)))
            tokens.append(("name", m.group(2), m.start(1)))
        elif m.group(4) or m.group(5):
            tokens.append((m.group(4) or m.group(5), "", m.start()))
        else:
            word = m.group(6).lower()
            if word not in ("and", "or"):
                raise ValueError("dependency expression %r: %r at offset %d is not 'and' or 'or' (names go in "
                                 "brackets)" % (expression, m.group(6), m.start(6)))
            tokens.append(("op", word, m.start(6)))
        pos = m.end()
    if not tokens:
        return names
    at = 0

    def fail(message: str) -> ValueError:
        offset = tokens[at][2] if at < len(tokens) else len(expression)
        return ValueError("dependency expression %r: %s at offset %d" % (expression, message, offset))

    def term() -> None:
        nonlocal at
        if at < len(tokens) and tokens[at][0] == "name":
            names.append(tokens[at][1])
            at += 1
        elif at < len(tokens) and tokens[at][0] == "(":
            at += 1
            expr()
            if at >= len(tokens) or tokens[at][0] != ")":
                raise fail("a ')' is missing")
            at += 1
        else:
            raise fail("a [name] or '(' is expected")

    def expr() -> None:
        nonlocal at
        term()
        while at < len(tokens) and tokens[at][0] == "op":
            at += 1
            term()

    expr()
    if at != len(tokens):
        raise fail("unexpected %r" % (tokens[at][1] or tokens[at][0]))
    return names


def _expression_of(value: "str | Iterable[str]") -> str:
    if isinstance(value, str):
        return value
    names: list[Any] = list(value) if isinstance(value, (list, tuple)) else []
    if not isinstance(value, (list, tuple)):
        raise TypeError("dependencies are an expression (str) or a list of resource names, not %s"
                        % type(value).__name__)
    for n in names:
        if not isinstance(n, str) or not n or "]" in n:
            raise TypeError("a dependency is a resource name (a non-empty str without ']'), not %r" % (n,))
    return " and ".join("[%s]" % n for n in names)


def set_dependencies(resource: "Resource", value: "str | Iterable[str]") -> str:
    """SetClusterResourceDependencyExpression, the expression checked first: the grammar, the
    resource itself, names given twice, resources that do not exist or are in another group
    (ValueError, nothing sent).  Returns the expression sent."""
    expression = _expression_of(value)
    if "\0" in expression:
        raise ValueError("a dependency expression cannot hold NUL")
    names = parse_dependency_expression(expression)
    what = "resource %r" % resource.name
    seen: set[str] = set()
    for n in names:
        if n.lower() == resource.name.lower():
            raise ValueError("%s cannot depend on itself" % what)
        if n.lower() in seen:
            raise ValueError("%s: %r is named twice in the expression" % (what, n))
        seen.add(n.lower())
    if names:
        cluster = resource.cluster
        group = resource.group_name
        with cluster.open_group(group) as g:
            members = {m.lower() for m in g.resource_names()}
        for n in names:
            if n.lower() in members:
                continue
            try:
                with cluster.open_resource(n) as other:
                    elsewhere = other.group_name
            except errors.ClusterObjectNotFoundError:
                raise ValueError("%s: there is no resource %r" % (what, n)) from None
            raise ValueError("%s can depend only on resources of its group %r; %r is in %r"
                             % (what, group, n, elsewhere))
    if lib.cs_resource_set_dependency_expression(resource._tok(), expression):
        exc: Any = bindings.last_error(resource._what, resource.name)
        if isinstance(exc, errors.ClusterError) and exc.winerror in DEPENDENCY_CODES:
            raise errors.ClusterDependencyError(exc.winerror, exc.function, "%s: the cluster refused the "
                                                "dependency expression %r: %s" % (what, expression, exc.strerror),
                                                resource.name) from None
        raise exc
    return expression


def dependency_expression(resource: "Resource") -> str:
    """GetClusterResourceDependencyExpression ("" when it depends on nothing)."""
    fields, _ = bindings.call_result(lib.cs_resource_dependency_expression, resource._tok(), what=resource._what,
                                     name=resource.name)
    return fields[0] if fields else ""

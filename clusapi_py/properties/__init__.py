"""Cluster properties: the CLUSPROP property-list codec (pure Python).

`parse(data)` -> list of Property; `build(items)` -> bytes.  The control
calls that read them and the handle mixin live in `properties.controls`
and `properties.mixin`; this package's top level imports nothing that
needs the extension.
"""
from .codec import Property, PropertyValue, build, decode_value, encode_value, parse, to_dict
from .syntax import Syntax

__all__ = ["Property", "PropertyValue", "Syntax", "parse", "build", "encode_value", "decode_value", "to_dict"]

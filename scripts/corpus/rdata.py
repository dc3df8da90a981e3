"""Read character data out of an installed R package's lazy-load data (data/Rdata.rdb + .rdx).

R stores each lazy-loaded object in Rdata.rdb as a 4-byte big-endian length followed by a zlib stream
(or a type byte 'Z', '2', 'X' for zlib/bzip2/xz) of R's XDR serialization format; Rdata.rdx is a
gzip-compressed serialization of a list mapping object names to (offset, length) pairs. This module
implements the part of the format that data sets use (vectors, lists, pairlists, attributes, symbols,
references, ALTREP wrappers) so the texts can be read without R. Python standard library only.
"""
import bz2
import gzip
import lzma
import struct
import zlib

NILVALUE, REF, GLOBALENV, UNBOUND, MISSINGARG, BASENAMESPACE = 254, 255, 253, 252, 251, 250
NAMESPACE, PACKAGE, PERSIST, EMPTYENV, BASEENV, ATTRLANG, ATTRLIST, ALTREP = 249, 248, 247, 242, 241, 240, 239, 238
SYM, LIST, CLO, ENV, PROM, LANG, CHAR, LGL, INT, REAL, CPLX, STR, DOT, VEC, EXPR, RAW, S4 = (
    1, 2, 3, 4, 5, 6, 9, 10, 13, 14, 15, 16, 17, 19, 20, 24, 25)


class RObject:
    """A decoded R value: `kind` is the SEXP type, `value` a Python list/str/None, `attributes` a dict."""

    def __init__(self, kind, value, attributes=None):
        self.kind, self.value, self.attributes = kind, value, attributes or {}

    def __repr__(self):
        return f"RObject({self.kind}, {str(self.value)[:60]}, attrs={list(self.attributes)})"


class Unserializer:
    def __init__(self, data: bytes):
        self.data, self.pos, self.refs = data, 0, []
        if data[:2] != b"X\n":
            raise ValueError(f"not an XDR R serialization (starts with {data[:2]!r})")
        self.pos = 2
        version = self.int()
        self.int(), self.int()
        if version == 3:
            name_length = self.int()  # native encoding name follows
            self.pos += name_length

    def int(self) -> int:
        (v,) = struct.unpack_from(">i", self.data, self.pos)
        self.pos += 4
        return v

    def length(self) -> int:
        n = self.int()
        if n == -1:
            hi, lo = self.int(), self.int()
            n = (hi << 32) + lo
        return n

    def pairlist_attributes(self, attr_obj) -> dict:
        out = {}
        while attr_obj is not None and attr_obj.kind == LIST:
            tag, car, cdr = attr_obj.value
            out[tag] = car
            attr_obj = cdr
        return out

    def item(self):
        flags = self.int()
        kind = flags & 0xFF
        has_attr, has_tag = flags & (1 << 9), flags & (1 << 10)
        if kind in (NILVALUE, GLOBALENV, UNBOUND, MISSINGARG, BASENAMESPACE, EMPTYENV, BASEENV):
            return None
        if kind == REF:
            index = flags >> 8
            if index == 0:
                index = self.int()
            return self.refs[index - 1]
        if kind in (PERSIST, NAMESPACE, PACKAGE):
            self.int()
            names = [self.item() for _ in range(self.int())]
            obj = RObject(kind, names)
            self.refs.append(obj)
            return obj
        if kind == SYM:
            obj = RObject(SYM, None)
            self.refs.append(obj)
            obj.value = self.item().value
            return obj
        if kind == ENV:
            obj = RObject(ENV, None)
            self.refs.append(obj)
            self.int()
            enclos, frame, hashtab, attrib = self.item(), self.item(), self.item(), self.item()
            obj.value = (frame, hashtab)
            return obj
        if kind in (LIST, LANG, CLO, PROM, DOT, ATTRLANG, ATTRLIST):
            attr = self.item() if has_attr else None
            tag = self.item() if has_tag else None
            car = self.item()
            cdr = self.item()
            tag_name = tag.value if isinstance(tag, RObject) else None
            return RObject(LIST if kind in (LIST, ATTRLIST) else kind, (tag_name, car, cdr),
                           self.pairlist_attributes(attr))
        if kind == ALTREP:
            info, state, attr = self.item(), self.item(), self.item()
            return RObject(ALTREP, (info, state), self.pairlist_attributes(attr))
        if kind == CHAR:
            n = self.int()
            if n == -1:
                return RObject(CHAR, None)
            s = self.data[self.pos:self.pos + n]
            self.pos += n
            return RObject(CHAR, s.decode("utf-8", errors="replace"))
        if kind in (LGL, INT):
            n = self.length()
            value = list(struct.unpack_from(f">{n}i", self.data, self.pos))
            self.pos += 4 * n
        elif kind == REAL:
            n = self.length()
            value = list(struct.unpack_from(f">{n}d", self.data, self.pos))
            self.pos += 8 * n
        elif kind == CPLX:
            n = self.length()
            self.pos += 16 * n
            value = None
        elif kind == RAW:
            n = self.length()
            value = self.data[self.pos:self.pos + n]
            self.pos += n
        elif kind == STR:
            n = self.length()
            value = [self.item().value for _ in range(n)]
        elif kind in (VEC, EXPR):
            n = self.length()
            value = [self.item() for _ in range(n)]
        elif kind == S4:
            value = None
        else:
            raise ValueError(f"unsupported R SEXP type {kind} at byte {self.pos - 4}")
        attrs = self.pairlist_attributes(self.item()) if has_attr else {}
        return RObject(kind, value, attrs)


def decompress_chunk(blob: bytes) -> bytes:
    """Decompress one lazy-load record: 4-byte length, optional type byte, compressed payload."""
    (size,) = struct.unpack(">I", blob[:4])
    kind = blob[4:5]
    if kind == b"Z":
        out = zlib.decompress(blob[5:])
    elif kind == b"2":
        out = bz2.decompress(blob[5:])
    elif kind == b"X":
        out = lzma.decompress(blob[5:])
    elif kind == b"0":
        out = blob[5:]
    else:
        out = zlib.decompress(blob[4:])
    if len(out) != size:
        raise ValueError(f"record decompressed to {len(out)} bytes, header says {size}")
    return out


def load_lazy_data(prefix: str) -> dict:
    """Return {name: RObject} for every object in `prefix`.rdb using the index in `prefix`.rdx."""
    raw_index = open(prefix + ".rdx", "rb").read()
    if raw_index[:2] == b"\x1f\x8b":
        index = Unserializer(gzip.decompress(raw_index)).item()
    else:
        index = Unserializer(decompress_chunk(raw_index)).item()
    names = index.attributes["names"].value
    variables = index.value[names.index("variables")]
    var_names = variables.attributes["names"].value
    rdb = open(prefix + ".rdb", "rb").read()
    out = {}
    for name, where in zip(var_names, variables.value):
        offset, length = where.value
        out[name] = Unserializer(decompress_chunk(rdb[int(offset):int(offset) + int(length)])).item()
    return out


if __name__ == "__main__":
    import sys
    for name, obj in load_lazy_data(sys.argv[1]).items():
        print(name, obj)

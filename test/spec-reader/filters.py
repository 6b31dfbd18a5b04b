"""Filter files (docs/FORMAT.md sections 2-4), shard deltas (section 12) and membership."""
import hashlib
import hmac
import struct

from errors import SpecError

# ---- CRC-32 (section 4): reflected, polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF ----

_CRC_TABLE = []
for _byte in range(256):
    _crc = _byte
    for _ in range(8):
        _crc = (_crc >> 1) ^ 0xEDB88320 if _crc & 1 else _crc >> 1
    _CRC_TABLE.append(_crc)


def crc32(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _CRC_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


# ---- filter file v1 (section 4) ----

HEADER = 64


def parse_filter(data: bytes) -> dict:
    """The header fields of a filter file, after every check of section 4 in its order."""
    if len(data) < HEADER + 4:
        raise SpecError("FORMAT_INVALID", f"filter file truncated: {len(data)} bytes")
    magic, version, header_length, filter_type, index_scheme = struct.unpack_from("<4sHHBB", data, 0)
    if magic != b"QLBF" or version != 1 or header_length != HEADER or filter_type != 1 or index_scheme != 1:
        raise SpecError("FORMAT_INVALID", "not a v1 Bloom filter file (magic, version, header length, type or scheme)")
    if data[11] != 0 or data[28:32] != bytes(4) or data[40:64] != bytes(24):
        raise SpecError("FORMAT_INVALID", "reserved filter header bytes are not zero")
    p = data[10]
    shard_index, k, m, n = struct.unpack_from("<IIII", data, 12)
    if len(data) != HEADER + (m + 7) // 8 + 4:
        raise SpecError("FORMAT_INVALID", "filter file truncated or padded")
    if crc32(data[:-4]) != struct.unpack_from("<I", data, len(data) - 4)[0]:
        raise SpecError("CHECKSUM_MISMATCH", "filter file CRC-32 mismatch")
    if p > 16 or shard_index >= 2**p:
        raise SpecError("FORMAT_INVALID", "shard index out of range")
    if m % 64 != 0 or not 64 <= m <= 2**32 - 64:
        raise SpecError("FORMAT_INVALID", "bit count is not a multiple of 64 in range")
    (rate,) = struct.unpack_from("<d", data, 32)
    if not 0 < rate < 0.5:
        raise SpecError("FORMAT_INVALID", "false-positive rate out of range")
    if not 1 <= k <= 64:
        raise SpecError("FORMAT_INVALID", "hash count out of range")
    return {"shardPrefixBits": p, "shardIndex": shard_index, "hashCount": k, "bitCount": m, "entries": n, "falsePositiveRate": rate}


# ---- from a key string to bits (sections 1.2, 2, 3) ----

def digest(hash_key: bytes, key_string: str) -> bytes:
    return hmac.new(hash_key, key_string.encode("ascii"), hashlib.sha256).digest()


# ---- scopes (section 1.3) and partitions (section 1.4) ----

SCOPE_PREFIX = b"quietlist scope "


def scope_digest(dig: bytes, label: str) -> bytes:
    """HMAC-SHA-256 keyed with the digest's 12-byte head, of "quietlist scope " and the label."""
    return hmac.new(dig[:12], SCOPE_PREFIX + label.encode("ascii"), hashlib.sha256).digest()


def _parts_entered(declared: list, chosen) -> list:
    codes = [choice["code"] for choice in declared]
    if not codes or chosen == "all" or set(codes) <= set(chosen):
        return ["*"]
    return sorted(set(chosen)) + ["?"]


def labels_entered(scopes: dict, channels, sectors) -> list:
    """T_channel x T_sector: a part is "*" for all, else the codes and "?"."""
    return [f"{c}/{s}" for c in _parts_entered(scopes["channels"], channels) for s in _parts_entered(scopes["sectors"], sectors)]


def _parts_looked_up(declared: list, code) -> list:
    if not declared:
        return ["*"]
    return ["?", "*"] if code is None else [code, "*"]


def labels_looked_up(scopes: dict, channel, sector) -> list:
    """Q_channel x Q_sector: {code, "*"} for a code, {"?", "*"} for any, {"*"} for an undeclared dimension."""
    return [f"{c}/{s}" for c in _parts_looked_up(scopes["channels"], channel) for s in _parts_looked_up(scopes["sectors"], sector)]


def partition_of(key_string: str, rule: dict):
    """The `digits` ASCII digits after `prefix`, or None."""
    prefix, digits = rule["prefix"], rule["digits"]
    if not key_string.startswith(prefix) or len(key_string) < len(prefix) + digits:
        return None
    part = key_string[len(prefix):len(prefix) + digits]
    return part if all("0" <= ch <= "9" for ch in part) else None


def shard_of(dig: bytes, p: int) -> int:
    return 0 if p == 0 else struct.unpack_from(">I", dig, 0)[0] >> (32 - p)


def bit_positions(dig: bytes, m: int, k: int) -> list:
    h1, h2 = struct.unpack_from("<II", dig, 4)
    return [(h1 + i * h2 + (i**3 - i) // 6) % m for i in range(k)]


def is_listed(filter_file: bytes, dig: bytes) -> bool:
    header = parse_filter(filter_file)
    bits = filter_file[HEADER:-4]
    positions = bit_positions(dig, header["bitCount"], header["hashCount"])
    return all(bits[g >> 3] >> (g & 7) & 1 for g in positions)


# ---- shard deltas (section 12) ----

DELTA_HEADER = 96


def parse_delta(data: bytes) -> dict:
    """The header of a delta file and its decoded positions, after checks 2-10 of section 12.1."""
    if len(data) < DELTA_HEADER + 4:
        raise SpecError("FORMAT_INVALID", f"delta truncated: {len(data)} bytes")
    magic, version, header_length = struct.unpack_from("<4sHH", data, 0)
    if magic != b"QLBD" or version != 1 or header_length != DELTA_HEADER:
        raise SpecError("FORMAT_INVALID", "not a v1 delta file (magic, version or header length)")
    if data[26:28] != bytes(2):
        raise SpecError("FORMAT_INVALID", "reserved delta header bytes are not zero")
    shard_index, m, n, c = struct.unpack_from("<IIII", data, 8)
    r, p = data[24], data[25]
    (payload_length,) = struct.unpack_from("<I", data, 28)
    if len(data) != DELTA_HEADER + payload_length + 4:
        raise SpecError("FORMAT_INVALID", "delta length disagrees with its payload length")
    if crc32(data[:-4]) != struct.unpack_from("<I", data, len(data) - 4)[0]:
        raise SpecError("CHECKSUM_MISMATCH", "delta CRC-32 mismatch")
    if r > 31:
        raise SpecError("FORMAT_INVALID", "Rice parameter out of range")
    if p > 16 or shard_index >= 2**p:
        raise SpecError("FORMAT_INVALID", "delta shard index out of range")
    if c > m:
        raise SpecError("FORMAT_INVALID", "delta flips more bits than the shard has")
    positions = rice_decode(data[DELTA_HEADER:DELTA_HEADER + payload_length], c, r, m)
    return {
        "shardIndex": shard_index, "bitCount": m, "entries": n, "flipped": c, "riceParameter": r,
        "shardPrefixBits": p, "fromSha256": data[32:64].hex(), "toSha256": data[64:96].hex(), "positions": positions,
    }


def rice_decode(payload: bytes, count: int, r: int, m: int) -> list:
    """Section 12.2: exactly `count` gaps, each position < m, no unused whole byte, zero padding."""
    total = len(payload) * 8
    at = 0
    previous = -1
    positions = []

    def bit(index):
        return payload[index >> 3] >> (index & 7) & 1

    for _ in range(count):
        quotient = 0
        while True:
            if at >= total:
                raise SpecError("FORMAT_INVALID", "delta payload ends inside a gap")
            if not bit(at):
                break
            quotient += 1
            at += 1
        at += 1
        if at + r > total:
            raise SpecError("FORMAT_INVALID", "delta payload ends inside a gap")
        remainder = sum(bit(at + j) << j for j in range(r))
        at += r
        position = previous + 1 + (quotient << r) + remainder
        if position >= m:
            raise SpecError("FORMAT_INVALID", "delta flips a bit past the end of the shard")
        positions.append(position)
        previous = position
    if total - at >= 8:
        raise SpecError("FORMAT_INVALID", "delta payload has an unused whole byte")
    if any(bit(i) for i in range(at, total)):
        raise SpecError("FORMAT_INVALID", "delta payload padding is not zero")
    return positions


def apply_delta(source: bytes, delta: dict) -> bytes:
    """Section 12.3 steps 2-3; the caller checks the result's SHA-256 (step 4)."""
    if hashlib.sha256(source).hexdigest() != delta["fromSha256"]:
        raise SpecError("CHECKSUM_MISMATCH", "the delta starts from another file")
    header = parse_filter(source)
    for field in ("shardIndex", "shardPrefixBits", "bitCount"):
        if header[field] != delta[field]:
            raise SpecError("FORMAT_INVALID", f"the delta is for another shard geometry ({field})")
    out = bytearray(source)
    for q in delta["positions"]:
        out[HEADER + (q >> 3)] ^= 1 << (q & 7)
    struct.pack_into("<I", out, 24, delta["entries"])
    struct.pack_into("<I", out, len(out) - 4, crc32(bytes(out[:-4])))
    return bytes(out)

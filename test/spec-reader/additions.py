"""Lists and live additions (docs/FORMAT.md section 14): additions batches, their chain, the folded file."""
import hashlib

import ed25519
import jsonrules as j
import manifest as mf
from errors import SpecError

MAX_BATCH_BYTES = 2 * 1024 * 1024
MAX_BATCHES = 100_000
MAX_ENTRIES = 10_000
MAX_SEQUENCE = 9_999_999_999
LABEL = b"quietlist-additions-v1\n"


def batch_key(epoch: str, first: int) -> str:
    return f"epochs/{epoch}/additions/{first:010d}.json"


def check_entry(entry, path):
    mf.members(entry, path, {"sequence", "digests"}, {"expiresAt"})
    mf.expect(j.is_integer(entry["sequence"], 1) and entry["sequence"] <= MAX_SEQUENCE, f"{path}.sequence",
              "must be an integer from 1 to 9,999,999,999")
    digests = entry["digests"]
    mf.expect(isinstance(digests, list) and 1 <= len(digests) <= 8, f"{path}.digests", "must hold 1 to 8 digests")
    for i, digest in enumerate(digests):
        mf.expect(j.is_hex(digest, 12), f"{path}.digests[{i}]", "not 24 lowercase hex")
    if "expiresAt" in entry:
        mf.expect(j.is_timestamp(entry["expiresAt"]), f"{path}.expiresAt", "not a timestamp")


def check_entries(entries, path, low, high):
    """Increasing sequence order, each within low..high."""
    before = low - 1
    for i, entry in enumerate(entries):
        check_entry(entry, f"{path}[{i}]")
        mf.expect(entry["sequence"] > before, f"{path}[{i}].sequence", "entries are not in increasing sequence order")
        mf.expect(entry["sequence"] <= high, f"{path}[{i}].sequence", f"is after {high}")
        before = entry["sequence"]


def validate_batch(signed, where):
    """The tables of section 14.2 and the rules after them (not the chain: verify_chain)."""
    mf.members(signed, where, {"additions", "signature"})
    mf.members(signed["signature"], f"{where}.signature", {"algorithm", "keyFingerprint", "value"})
    mf.expect(signed["signature"]["algorithm"] == "Ed25519", f"{where}.signature.algorithm", "must be Ed25519")
    mf.expect(j.is_hex(signed["signature"]["keyFingerprint"], 16), f"{where}.signature.keyFingerprint",
              "not 32 lowercase hex")
    mf.expect(j.decode_base64(signed["signature"]["value"], 64) is not None, f"{where}.signature.value",
              "not canonical base64 of 64 bytes")
    a = signed["additions"]
    path = f"{where}.additions"
    mf.members(a, path, {"format", "version", "list", "epoch", "manifestSha256", "first", "last", "previousSha256",
                         "publishedAt", "entries"})
    mf.expect(a["format"] == "quietlist-additions", f"{path}.format", 'must be "quietlist-additions"')
    mf.expect(a["version"] == 1 and j.is_integer(a["version"]), f"{path}.version", "must be 1")
    mf.expect(mf.is_list_name(a["list"]), f"{path}.list", "not a list name")
    mf.expect(j.is_epoch_id(a["epoch"]), f"{path}.epoch", "not an epoch id")
    mf.expect(j.is_hex(a["manifestSha256"], 32), f"{path}.manifestSha256", "not 64 lowercase hex")
    for name in ("first", "last"):
        mf.expect(j.is_integer(a[name], 1) and a[name] <= MAX_SEQUENCE, f"{path}.{name}",
                  "must be an integer from 1 to 9,999,999,999")
    mf.expect(a["first"] <= a["last"], f"{path}.first", "is after last")
    mf.expect(a["previousSha256"] is None or j.is_hex(a["previousSha256"], 32), f"{path}.previousSha256",
              "must be null or 64 lowercase hex")
    mf.expect(j.is_timestamp(a["publishedAt"]), f"{path}.publishedAt", "not a timestamp")
    mf.expect(isinstance(a["entries"], list) and len(a["entries"]) <= MAX_ENTRIES, f"{path}.entries",
              "must be an array of at most 10,000 entries")
    check_entries(a["entries"], f"{path}.entries", a["first"], a["last"])
    return signed


def batch_hash(additions) -> str:
    return hashlib.sha256(j.canonical_bytes(additions)).hexdigest()


def verify_chain(read, m, manifest_sha256):
    """Section 14.4 steps 1-2 for epoch m: its batches forward from additions.sequence + 1, each checked.
    `read(key)` is the store's bytes or None. Returns the batches' `additions`, in order."""
    key = j.decode_base64(m["additions"]["publicKey"], 32)
    batches = []
    first = m["additions"]["sequence"] + 1
    before = None
    while True:
        where = f"additions batch {first} of epoch {m['epoch']}"
        data = read(batch_key(m["epoch"], first))
        if data is None:
            return batches
        if len(data) > MAX_BATCH_BYTES:
            raise SpecError("MANIFEST_INVALID", f"{where} is larger than {MAX_BATCH_BYTES} bytes")
        signed = validate_batch(j.parse_strict(data, where), where)
        a = signed["additions"]
        problem = (
            "names another list" if a["list"] != mf.list_of(m)
            else "names another epoch or manifest" if a["epoch"] != m["epoch"] or a["manifestSha256"] != manifest_sha256
            else f"starts at {a['first']}" if a["first"] != first
            else "does not name the batch before it"
            if a["previousSha256"] != (batch_hash(before) if before else None)
            else "is published before the batch before it"
            if before and j.timestamp_order(a["publishedAt"]) < j.timestamp_order(before["publishedAt"])
            else None
        )
        if problem:
            raise SpecError("MANIFEST_INVALID", f"{where} {problem}")
        if signed["signature"]["keyFingerprint"] != mf.fingerprint(key):
            raise SpecError("SIGNATURE_INVALID", f"{where} is not signed by the additions key its manifest announces")
        value = j.decode_base64(signed["signature"]["value"], 64)
        if not ed25519.verify(key, LABEL + j.canonical_bytes(a), value):
            raise SpecError("SIGNATURE_INVALID", f"{where}: the signature does not verify")
        batches.append(a)
        if len(batches) > MAX_BATCHES:
            raise SpecError("DATA_REJECTED", f"epoch {m['epoch']} has more than {MAX_BATCHES} additions batches")
        before = a
        first = a["last"] + 1


def verify_folded(read, m):
    """Section 14.3: the folded file against its manifest entry and its own table."""
    entry = m["additions"].get("folded")
    if entry is None:
        return None
    where = f"additions-folded.json of epoch {m['epoch']}"
    data = read(f"epochs/{m['epoch']}/additions-folded.json")
    if data is None:
        raise SpecError("SHARD_MISSING", f"{where} is missing")
    if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise SpecError("CHECKSUM_MISMATCH", f"{where} does not match its manifest (size or SHA-256)")
    f = j.parse_strict(data, where, "FORMAT_INVALID")
    mf.members(f, where, {"format", "version", "list", "epoch", "sequence", "entries"})
    mf.expect(f["format"] == "quietlist-folded-additions", f"{where}.format", 'must be "quietlist-folded-additions"')
    mf.expect(f["version"] == 1 and j.is_integer(f["version"]), f"{where}.version", "must be 1")
    mf.expect(f["list"] == mf.list_of(m) and f["epoch"] == m["epoch"], where, "names another list or epoch")
    mf.expect(f["sequence"] == m["additions"]["sequence"], f"{where}.sequence", "is not the manifest's")
    mf.expect(isinstance(f["entries"], list) and len(f["entries"]) == entry["entries"], f"{where}.entries",
              "does not hold as many entries as its manifest says")
    check_entries(f["entries"], f"{where}.entries", 1, f["sequence"])
    return f

"""The manifest, its signature and the latest.json pointer (docs/FORMAT.md sections 6 and 7).

One function per object of the spec's tables: each checks the members (no unknown one, every
required one) and the values the table allows, then the rules listed after the table.
"""
import hashlib
import re

import ed25519
import jsonrules as j
from errors import SpecError

CODE = "MANIFEST_INVALID"


def fail(path: str, problem: str):
    raise SpecError(CODE, f"{path}: {problem}")


def members(obj, path: str, required: set, optional: set = frozenset()):
    """An object with every required member and no member outside required | optional."""
    if not isinstance(obj, dict):
        fail(path, "must be an object")
    for name in obj:
        if name not in required and name not in optional:
            fail(f"{path}.{name}", "unknown member")
    for name in required:
        if name not in obj:
            fail(f"{path}.{name}", "missing")


def expect(ok: bool, path: str, problem: str):
    if not ok:
        fail(path, problem)


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).digest()[:8].hex()


def fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).digest()[:16].hex()


def manifest_hash(manifest: dict) -> str:
    return hashlib.sha256(j.canonical_bytes(manifest)).hexdigest()


# ---- section 7 ----

POINTER_LABEL = b"quietlist-pointer-v1\n"


def validate_pointer(signed):
    """latest.json: exactly `pointer` and `signature`, each with exactly its members (section 7)."""
    expect(isinstance(signed, dict), "latest.json", "must be an object")
    members(signed, "latest.json", {"pointer", "signature"})
    pointer = signed["pointer"]
    expect(isinstance(pointer, dict), "latest.json.pointer", "must be an object")
    members(pointer, "latest.json.pointer", {"epoch", "manifestSha256", "publishedAt", "expiresAt"})
    expect(j.is_epoch_id(pointer["epoch"]), "latest.json.pointer.epoch", "not an epoch id")
    expect(j.is_hex(pointer["manifestSha256"], 32), "latest.json.pointer.manifestSha256", "not 64 lowercase hex")
    expect(j.is_timestamp(pointer["publishedAt"]), "latest.json.pointer.publishedAt", "not a timestamp")
    expect(j.is_timestamp(pointer["expiresAt"]), "latest.json.pointer.expiresAt", "not a timestamp")
    signature = signed["signature"]
    expect(isinstance(signature, dict), "latest.json.signature", "must be an object")
    members(signature, "latest.json.signature", {"algorithm", "keyFingerprint", "value"})
    expect(signature["algorithm"] == "Ed25519", "latest.json.signature.algorithm", "must be Ed25519")
    expect(j.is_hex(signature["keyFingerprint"], 16), "latest.json.signature.keyFingerprint", "not 32 lowercase hex")
    expect(j.decode_base64(signature["value"], 64) is not None, "latest.json.signature.value",
           "not canonical base64 of 64 bytes")
    return signed


def verify_pointer_signature(signed, public_key: bytes):
    """Section 7: Ed25519 over the label and the canonical `pointer`, by `public_key`."""
    if signed["signature"]["keyFingerprint"] != fingerprint(public_key):
        raise SpecError("SIGNATURE_INVALID", f"latest.json is signed by {signed['signature']['keyFingerprint']}, "
                        f"not {fingerprint(public_key)}")
    value = j.decode_base64(signed["signature"]["value"], 64)
    if not ed25519.verify(public_key, POINTER_LABEL + j.canonical_bytes(signed["pointer"]), value):
        raise SpecError("SIGNATURE_INVALID", "the signature of latest.json does not verify")


def assert_pointer_fresh(signed, now_order):
    """Section 7: refused once the reader's clock reaches `expiresAt`."""
    if now_order >= j.timestamp_order(signed["pointer"]["expiresAt"]):
        raise SpecError("POINTER_EXPIRED", f"latest.json expired at {signed['pointer']['expiresAt']}")


def validate_retirement(record, name):
    """Section 6.3: a key retirement record's members and values (it is proved by the manifests it names)."""
    path = f"key-retirements/{name}"
    expect(isinstance(record, dict), path, "must be an object")
    members(record, path, {"format", "version", "retiredKey", "successor", "handover"})
    expect(record["format"] == "quietlist-key-retirement", f"{path}.format", 'must be "quietlist-key-retirement"')
    expect(record["version"] == 1 and j.is_integer(record["version"]), f"{path}.version", "must be 1")
    expect(j.is_hex(record["retiredKey"], 16), f"{path}.retiredKey", "not 32 lowercase hex")
    expect(name == f"{record['retiredKey']}.json", f"{path}.retiredKey", "must be the file name's fingerprint")
    expect(j.decode_base64(record["successor"], 32) is not None, f"{path}.successor", "not canonical base64 of 32 bytes")
    handover = record["handover"]
    expect(isinstance(handover, dict), f"{path}.handover", "must be an object")
    members(handover, f"{path}.handover", {"epoch", "manifestSha256"})
    expect(j.is_epoch_id(handover["epoch"]), f"{path}.handover.epoch", "not an epoch id")
    expect(j.is_hex(handover["manifestSha256"], 32), f"{path}.handover.manifestSha256", "not 64 lowercase hex")
    return record


# ---- section 6.1 ----

def validate_manifest_file(signed):
    members(signed, "manifest.json", {"manifest", "signature"})
    members(signed["signature"], "signature", {"algorithm", "keyFingerprint", "value"})
    expect(signed["signature"]["algorithm"] == "Ed25519", "signature.algorithm", "must be Ed25519")
    expect(j.is_hex(signed["signature"]["keyFingerprint"], 16), "signature.keyFingerprint", "not 32 lowercase hex")
    expect(j.decode_base64(signed["signature"]["value"], 64) is not None, "signature.value", "not canonical base64 of 64 bytes")
    validate_manifest(signed["manifest"])
    return signed


def validate_manifest(m):
    members(m, "manifest", {"format", "version", "epoch", "createdAt", "previous", "mode", "hash", "normalization",
                            "filter", "shards", "counts", "validity"},
            {"signing", "register", "partitions", "list", "additions"})
    expect(m["format"] == "quietlist-manifest", "format", 'must be "quietlist-manifest"')
    expect(m["version"] == 1 and j.is_integer(m["version"]), "version", "must be 1")
    expect(j.is_epoch_id(m["epoch"]), "epoch", "not an epoch id")
    expect(j.is_timestamp(m["createdAt"]), "createdAt", "not a timestamp")
    check_previous(m["previous"])
    expect(m["mode"] in ("open", "secret", "oprf"), "mode", "must be open, secret or oprf")
    check_hash(m["mode"], m["hash"], "partitions" in m)
    check_normalization(m["normalization"])
    if "register" in m:
        check_register(m["register"])
    check_filter(m)
    check_partitions(m)
    check_shards(m)
    check_counts(m["counts"])
    check_validity(m["validity"])
    if "signing" in m:
        members(m["signing"], "signing", {"next"})
        expect(j.decode_base64(m["signing"]["next"], 32) is not None, "signing.next", "not canonical base64 of 32 bytes")
    if "list" in m:
        expect(is_list_name(m["list"]), "list", "not a list name (section 14.1)")
    if "additions" in m:
        check_manifest_additions(m["additions"])
        expect("partitions" not in m, "additions", "a partitioned epoch takes no live additions (section 14)")
    return m


LIST_NAME = re.compile(r"(?=[0-9-]*[a-z])[a-z0-9][a-z0-9-]{1,39}")


def is_list_name(value) -> bool:
    return isinstance(value, str) and LIST_NAME.fullmatch(value) is not None


def list_of(m) -> str:
    return m.get("list", "default")


def check_manifest_additions(a):
    """Section 14: a live list's additions key, how far its filter folded them, the folded file."""
    members(a, "additions", {"publicKey", "sequence"}, {"folded"})
    expect(j.decode_base64(a["publicKey"], 32) is not None, "additions.publicKey", "not canonical base64 of 32 bytes")
    expect(j.is_integer(a["sequence"], 0), "additions.sequence", "must be an integer >= 0")
    if "folded" in a:
        f = a["folded"]
        members(f, "additions.folded", {"path", "bytes", "sha256", "entries"})
        expect(f["path"] == "additions-folded.json", "additions.folded.path", 'must be "additions-folded.json"')
        expect(j.is_integer(f["bytes"], 1), "additions.folded.bytes", "must be an integer >= 1")
        expect(j.is_hex(f["sha256"], 32), "additions.folded.sha256", "not 64 lowercase hex")
        expect(j.is_integer(f["entries"], 1), "additions.folded.entries", "must be an integer >= 1")


LANGUAGES = ("en", "fr", "es", "it", "nl", "de")


def check_register(r):
    """Section 6.4: the register an epoch is a list of, and its rules."""
    members(r, "register", {"id", "name", "country", "lines", "validity", "rescrubDays", "languages"}, {"scopes", "partition"})
    expect(isinstance(r["id"], str) and re.fullmatch(r"[a-z0-9][a-z0-9-]{1,39}", r["id"]) is not None,
           "register.id", "not a register id")
    expect(isinstance(r["name"], str) and 1 <= len(r["name"]) <= 200, "register.name", "must be 1 to 200 characters")
    expect(isinstance(r["country"], str) and re.fullmatch(r"[A-Z]{2}", r["country"]) is not None,
           "register.country", "not a two-letter region")
    expect(r["lines"] in ("consumers", "businesses", "all"), "register.lines", "must be consumers, businesses or all")
    validity = r["validity"]
    if validity != "never":
        expect(isinstance(validity, dict), "register.validity", 'must be "never" or an object')
        members(validity, "register.validity", {"years"})
        years = validity["years"]
        expect(isinstance(years, (int, float)) and not isinstance(years, bool) and 0 < years <= 100,
               "register.validity.years", "must be > 0 and <= 100")
    days = r["rescrubDays"]
    expect(days is None or (j.is_integer(days) and 1 <= days <= 366), "register.rescrubDays", "must be null or 1..366")
    languages = r["languages"]
    expect(isinstance(languages, list) and len(languages) >= 1 and all(lang in LANGUAGES for lang in languages),
           "register.languages", "must list languages among " + ", ".join(LANGUAGES))
    if "scopes" in r:
        check_scopes(r["scopes"])
    if "partition" in r:
        rule = r["partition"]
        members(rule, "register.partition", {"name", "prefix", "digits"})
        expect(isinstance(rule["name"], str) and 1 <= len(rule["name"]) <= 100, "register.partition.name", "must be 1 to 100 characters")
        expect(isinstance(rule["prefix"], str) and re.fullmatch(r"\+[1-9][0-9]{0,2}", rule["prefix"]) is not None,
               "register.partition.prefix", 'must be "+" and a calling code')
        expect(j.is_integer(rule["digits"]) and 1 <= rule["digits"] <= 6, "register.partition.digits", "must be 1..6")


SCOPE_CODE = re.compile(r"[a-z][a-z0-9-]{0,15}")


def check_scopes(scopes):
    """Section 1.3 and 6.1: channels and sectors, codes distinct in each list, not both empty."""
    members(scopes, "register.scopes", {"channels", "sectors"})
    for kind, most in (("channels", 32), ("sectors", 64)):
        choices = scopes[kind]
        path = f"register.scopes.{kind}"
        expect(isinstance(choices, list) and len(choices) <= most, path, f"must be a list of at most {most}")
        for i, choice in enumerate(choices):
            members(choice, f"{path}[{i}]", {"code", "name"})
            expect(isinstance(choice["code"], str) and SCOPE_CODE.fullmatch(choice["code"]) is not None,
                   f"{path}[{i}].code", "not a scope code")
            expect(isinstance(choice["name"], str) and 1 <= len(choice["name"]) <= 100, f"{path}[{i}].name", "must be 1 to 100 characters")
        expect(len({choice["code"] for choice in choices}) == len(choices), path, "codes must be distinct")
    expect(scopes["channels"] or scopes["sectors"], "register.scopes", "channels and sectors are both empty")


def check_previous(previous):
    if previous is None:
        return
    members(previous, "previous", {"epoch", "manifestSha256"})
    expect(j.is_epoch_id(previous["epoch"]), "previous.epoch", "not an epoch id")
    expect(j.is_hex(previous["manifestSha256"], 32), "previous.manifestSha256", "not 64 lowercase hex")


def check_hash(mode, h, partitioned=False):
    members(h, "hash", {"scheme", "keyId"}, {"key", "publicKey"})
    oprf = "poprf-ristretto255-sha512" if partitioned else "oprf-ristretto255-sha512"
    expected = oprf if mode == "oprf" else "hmac-sha256"
    expect(h["scheme"] == expected, "hash.scheme", f"mode {mode} uses {expected}")
    expect(j.is_hex(h["keyId"], 8), "hash.keyId", "not 16 lowercase hex")
    expect(("key" in h) == (mode == "open"), "hash.key", "required in open mode and only there")
    expect(("publicKey" in h) == (mode == "oprf"), "hash.publicKey", "required in oprf mode and only there")
    for name in ("key", "publicKey"):
        if name in h:
            key = j.decode_base64(h[name], 32)
            expect(key is not None, f"hash.{name}", "not canonical base64 of 32 bytes")
            expect(key_id(key) == h["keyId"], "hash.keyId", f"is not the key id of hash.{name}")


def check_normalization(n):
    members(n, "normalization", {"library", "version", "defaultRegion"}, {"scheme"})
    expect(n["library"] == "libphonenumber-js", "normalization.library", 'must be "libphonenumber-js"')
    expect(isinstance(n["version"], str), "normalization.version", "must be a string")
    expect("scheme" not in n or j.is_integer(n["scheme"], 1), "normalization.scheme", "must be an integer >= 1")
    region = n["defaultRegion"]
    expect(isinstance(region, str) and re.fullmatch("[A-Z]{2}", region) is not None, "normalization.defaultRegion",
           "must be two capital letters")


def check_filter(m):
    f = m["filter"]
    partitioned = "partitions" in m
    required = {"type", "formatVersion", "indexScheme", "falsePositiveRate"}
    members(f, "filter", required if partitioned else required | {"shardPrefixBits"},
            set() if partitioned else {"geometrySince"})
    expect(f["type"] == "bloom", "filter.type", 'must be "bloom"')
    expect(f["formatVersion"] == 1 and j.is_integer(f["formatVersion"]), "filter.formatVersion", "must be 1")
    expect(f["indexScheme"] == "edh32", "filter.indexScheme", 'must be "edh32"')
    expect(j.is_number(f["falsePositiveRate"]) and 0 < f["falsePositiveRate"] < 0.5, "filter.falsePositiveRate", "must be in (0, 0.5)")
    if not partitioned:
        expect(j.is_integer(f["shardPrefixBits"]) and 0 <= f["shardPrefixBits"] <= 16, "filter.shardPrefixBits", "must be 0..16")
    expect("geometrySince" not in f or j.is_epoch_id(f["geometrySince"]), "filter.geometrySince", "not an epoch id")


def check_partitions(m):
    """Section 1.4: partitions exactly when the register has a rule, ids of its digits, ascending."""
    rule = m.get("register", {}).get("partition")
    expect(("partitions" in m) == (rule is not None), "partitions", "present exactly when register.partition is")
    if rule is None:
        return
    partitions = m["partitions"]
    expect(isinstance(partitions, list), "partitions", "must be an array")
    for i, partition in enumerate(partitions):
        path = f"partitions[{i}]"
        members(partition, path, {"id", "shardPrefixBits", "geometrySince"})
        expect(isinstance(partition["id"], str) and re.fullmatch(f"[0-9]{{{rule['digits']}}}", partition["id"]) is not None,
               f"{path}.id", f"must be {rule['digits']} digits")
        expect(j.is_integer(partition["shardPrefixBits"]) and 0 <= partition["shardPrefixBits"] <= 16, f"{path}.shardPrefixBits", "must be 0..16")
        expect(j.is_epoch_id(partition["geometrySince"]), f"{path}.geometrySince", "not an epoch id")
        expect(i == 0 or partitions[i - 1]["id"] < partition["id"], f"{path}.id", "partitions must be in ascending order, once each")


def shard_groups(m):
    """Section 1.4 and 6.1: (partition or None, p, geometrySince, first position, count) in order."""
    if "partitions" not in m:
        p = m["filter"]["shardPrefixBits"]
        return [(None, p, m["filter"].get("geometrySince"), 0, 2 ** p)]
    groups, first = [], 0
    for partition in m["partitions"]:
        count = 2 ** partition["shardPrefixBits"]
        groups.append((partition["id"], partition["shardPrefixBits"], partition["geometrySince"], first, count))
        first += count
    return groups


def directory_of(partition):
    return "" if partition is None else f"p/{partition}/"


def check_shards(m):
    shards = m["shards"]
    groups = shard_groups(m)
    total = sum(group[4] for group in groups)
    expect(total <= 2 ** 16, "shards", "an epoch has at most 2^16 shards in all, partitions included (1.4)")
    expect(isinstance(shards, list) and len(shards) == total, "shards", "must have 2^p entries per group")
    for partition, _p, since, first, count in groups:
        for index in range(count):
            i = first + index
            entry = shards[i]
            path = f"shards[{i}]"
            optional = {"delta"} if partition is None else {"delta", "partition"}
            members(entry, path, {"index", "path", "bytes", "entries", "bitCount", "hashCount", "sha256"}, optional)
            expect(entry.get("partition") == partition, f"{path}.partition", f"must be {partition}")
            expect(entry["index"] == index and j.is_integer(entry["index"]), f"{path}.index", f"must be {index}")
            name = f"{directory_of(partition)}shard-{index:05d}.qlbf"
            expect(entry["path"] == name, f"{path}.path", f"must be {name}")
            for field, minimum in (("bytes", 1), ("entries", 0), ("bitCount", 1), ("hashCount", 1)):
                expect(j.is_integer(entry[field], minimum), f"{path}.{field}", f"must be an integer >= {minimum}")
            expect(j.is_hex(entry["sha256"], 32), f"{path}.sha256", "not 64 lowercase hex")
            if "delta" in entry:
                check_delta_entry(m, i, entry, since, partition)


def check_delta_entry(m, i, entry, since, partition):
    delta = entry["delta"]
    path = f"shards[{i}].delta"
    members(delta, path, {"from", "path", "bytes", "sha256"})
    expect(j.is_epoch_id(delta["from"]), f"{path}.from", "not an epoch id")
    expect(m["previous"] is not None and delta["from"] == m["previous"]["epoch"], f"{path}.from", "must be previous.epoch")
    name = f"{directory_of(partition)}shard-{entry['index']:05d}.qldelta"
    expect(delta["path"] == name, f"{path}.path", f"must be {name}")
    expect(j.is_integer(delta["bytes"], 1), f"{path}.bytes", "must be an integer >= 1")
    expect(j.is_hex(delta["sha256"], 32), f"{path}.sha256", "not 64 lowercase hex")
    expect(since != m["epoch"], path, "a geometry that starts in this epoch has no delta")


def check_counts(c):
    names = {"rows", "accepted", "rejected", "duplicates", "expired", "entries"}
    members(c, "counts", names)
    for name in names:
        expect(j.is_integer(c[name], 0), f"counts.{name}", "must be an integer >= 0")


def check_validity(v):
    if v is None:
        return
    members(v, "validity", {"years", "referenceDate"})
    expect(j.is_number(v["years"]) and v["years"] > 0, "validity.years", "must be a number > 0")
    expect(j.is_date(v["referenceDate"]), "validity.referenceDate", "not a YYYY-MM-DD date")


# ---- section 6.2 ----

def verify_signature(signed, public_key: bytes):
    """The manifest is signed by `public_key` (fingerprint, then Ed25519 over the canonical bytes)."""
    if signed["signature"]["keyFingerprint"] != fingerprint(public_key):
        raise SpecError("SIGNATURE_INVALID", f"signed by {signed['signature']['keyFingerprint']}, not {fingerprint(public_key)}")
    value = j.decode_base64(signed["signature"]["value"], 64)
    if not ed25519.verify(public_key, j.canonical_bytes(signed["manifest"]), value):
        raise SpecError("SIGNATURE_INVALID", f"the signature of epoch {signed['manifest']['epoch']} does not verify")

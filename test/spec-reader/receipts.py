"""Scrub receipts and the operator's countersignature (docs/FORMAT.md section 13)."""
import hashlib
import re

import ed25519
import jsonrules as j
import manifest as mf
from errors import SpecError

CODE = "FORMAT_INVALID"
SCOPE_CODE = re.compile(r"[a-z][a-z0-9-]{0,15}")  # section 1.3: a channel or sector code
TIMESTAMP_LABEL = b"quietlist-receipt-timestamp-v1\n"
CERTIFICATE_LABEL = b"quietlist-timestamp-key-v1\n"


def fail(path, problem):
    raise SpecError(CODE, f"receipt {path}: {problem}")


def members(obj, path, required, optional=frozenset()):
    if not isinstance(obj, dict):
        fail(path, "must be an object")
    for name in obj:
        if name not in required and name not in optional:
            fail(f"{path}.{name}", "unknown member")
    for name in required:
        if name not in obj:
            fail(f"{path}.{name}", "missing")


def expect(ok, path, problem):
    if not ok:
        fail(path, problem)


def strings(obj, path, names):
    for name in names:
        expect(isinstance(obj[name], str), f"{path}.{name}", "must be a string")


def counts(obj, path, names):
    for name in names:
        expect(j.is_integer(obj[name], 0), f"{path}.{name}", "must be an integer >= 0")


# ---- 13.1, 13.2 ----

def parse_receipt(data: bytes):
    receipt = j.parse_strict(data, "receipt", CODE)
    expect(isinstance(receipt, dict), "(root)", "must be an object")
    if receipt.get("format") == "quietlist-scrub-receipt" and receipt.get("version") == 1:
        fail("version", "a version 1 receipt (before the manifest was embedded) cannot be verified")
    validate_receipt(receipt)
    return receipt


def validate_receipt(r):
    members(r, "", {"format", "version", "tool", "normalization", "startedAt", "finishedAt", "epoch", "signedManifest",
                    "checkedWith", "input", "settings", "counts", "invalidByReason", "outputs"},
            {"timestamp", "scope", "partitions", "lists"})
    expect(r["format"] == "quietlist-scrub-receipt", "format", 'must be "quietlist-scrub-receipt"')
    expect(r["version"] == 2 and j.is_integer(r["version"]), "version", "must be 2")
    members(r["tool"], "tool", {"name", "version"})
    expect(r["tool"]["name"] == "quietlist", "tool.name", 'must be "quietlist"')
    strings(r["tool"], "tool", ["version"])
    members(r["normalization"], "normalization", {"library", "version", "scheme"})
    expect(r["normalization"]["library"] == "libphonenumber-js", "normalization.library", 'must be "libphonenumber-js"')
    strings(r["normalization"], "normalization", ["version"])
    expect(j.is_integer(r["normalization"]["scheme"], 1), "normalization.scheme", "must be an integer >= 1")
    for name in ("startedAt", "finishedAt"):
        expect(j.is_timestamp(r[name]), name, "not a timestamp")
    check_epoch(r["epoch"])
    try:
        mf.validate_manifest_file(r["signedManifest"])
    except SpecError as error:
        raise SpecError("MANIFEST_INVALID", f"receipt signedManifest: {error.message}") from None
    check_checked_with(r["checkedWith"])
    members(r["input"], "input", {"name", "bytes", "sha256"})
    strings(r["input"], "input", ["name"])
    counts(r["input"], "input", ["bytes"])
    expect(j.is_hex(r["input"]["sha256"], 32), "input.sha256", "not 64 lowercase hex")
    check_settings(r["settings"])
    check_scope_and_partitions(r)  # 13.6 step 6a
    members(r["counts"], "counts", {"rows", "listed", "clean", "invalid", "blank"})
    counts(r["counts"], "counts", ["rows", "listed", "clean", "invalid", "blank"])
    expect(isinstance(r["invalidByReason"], dict), "invalidByReason", "must be a map")
    counts(r["invalidByReason"], "invalidByReason", list(r["invalidByReason"]))
    members(r["outputs"], "outputs", {"clean"}, {"listed", "rejects"})
    for name, summary in r["outputs"].items():
        check_output_file(summary, f"outputs.{name}")
    if "lists" in r:
        check_lists(r["lists"])
    if "timestamp" in r:
        validate_timestamp(r["timestamp"])


def check_lists(lists):
    """Section 13.2's `lists`: every list a scrub checked against (section 14)."""
    expect(isinstance(lists, list) and 1 <= len(lists) <= 16, "lists", "must be an array of 1 to 16 lists")
    for i, entry in enumerate(lists):
        path = f"lists[{i}]"
        members(entry, path, {"list", "epoch", "manifestSha256", "listed", "additions"}, {"scope", "partitions"})
        expect(mf.is_list_name(entry["list"]), f"{path}.list", "not a list name")
        expect(j.is_epoch_id(entry["epoch"]), f"{path}.epoch", "not an epoch id")
        expect(j.is_hex(entry["manifestSha256"], 32), f"{path}.manifestSha256", "not 64 lowercase hex")
        counts(entry, path, ["listed"])
        if "scope" in entry:  # a scoped list: the codes it answered for (its register is in its own manifest)
            members(entry["scope"], f"{path}.scope", {"channel", "sector"})
            for name in ("channel", "sector"):
                value = entry["scope"][name]
                expect(value is None or (isinstance(value, str) and SCOPE_CODE.fullmatch(value) is not None),
                       f"{path}.scope.{name}", "must be null or a scope code")
        if "partitions" in entry:
            ids = entry["partitions"]
            expect(isinstance(ids, list) and all(isinstance(i, str) and i.isascii() and i.isdigit() and 1 <= len(i) <= 6 for i in ids),
                   f"{path}.partitions", "must list partition ids")
            expect(ids == sorted(set(ids)), f"{path}.partitions", "must be ascending, once each")
        additions = entry["additions"]
        if additions is None:
            continue
        members(additions, f"{path}.additions", {"through", "batchSha256", "publishedAt"})
        counts(additions, f"{path}.additions", ["through"])
        expect(additions["batchSha256"] is None or j.is_hex(additions["batchSha256"], 32),
               f"{path}.additions.batchSha256", "must be null or 64 lowercase hex")
        expect(additions["publishedAt"] is None or j.is_timestamp(additions["publishedAt"]),
               f"{path}.additions.publishedAt", "must be null or a timestamp")


def check_epoch(e):
    members(e, "epoch", {"id", "createdAt", "manifestSha256", "signingKeyFingerprint", "signingPublicKey", "source", "mode",
                         "falsePositiveRate"})
    expect(j.is_epoch_id(e["id"]), "epoch.id", "not an epoch id")
    expect(j.is_timestamp(e["createdAt"]), "epoch.createdAt", "not a timestamp")
    expect(j.is_hex(e["manifestSha256"], 32), "epoch.manifestSha256", "not 64 lowercase hex")
    expect(j.is_hex(e["signingKeyFingerprint"], 16), "epoch.signingKeyFingerprint", "not 32 lowercase hex")
    expect(j.decode_base64(e["signingPublicKey"], 32) is not None, "epoch.signingPublicKey", "not canonical base64 of 32 bytes")
    strings(e, "epoch", ["source"])
    expect(e["mode"] in ("open", "secret", "oprf"), "epoch.mode", "must be open, secret or oprf")
    expect(j.is_number(e["falsePositiveRate"]) and 0 < e["falsePositiveRate"] < 0.5, "epoch.falsePositiveRate", "must be in (0, 0.5)")


def check_checked_with(c):
    local = isinstance(c, dict) and c.get("kind") == "local"
    members(c, "checkedWith", {"kind"} if local else {"kind", "url"})
    expect(c["kind"] in ("local", "worker", "online"), "checkedWith.kind", "must be local, worker or online")
    if not local:
        strings(c, "checkedWith", ["url"])


def check_settings(s):
    csv = isinstance(s, dict) and s.get("format") == "csv"
    members(s, "settings", {"column", "region", "mode", "format"} | ({"delimiter", "encoding"} if csv else {"sheet"}),
            {"excelSafe"})
    strings(s, "settings", ["column", "region"] + (["delimiter", "encoding"] if csv else ["sheet"]))
    if "excelSafe" in s:
        expect(s["excelSafe"] is True, "settings.excelSafe", "must be true when present")
    expect(s["mode"] in ("drop", "flag"), "settings.mode", "must be drop or flag")
    expect(s["format"] in ("csv", "xlsx", "ods"), "settings.format", "must be csv, xlsx or ods")


def check_scope_and_partitions(r):
    """Sections 13.2 and 13.6 step 6a: `scope` exactly for a scoped epoch, `partitions` for a partitioned one."""
    register = r["signedManifest"]["manifest"].get("register", {})
    scopes, rule = register.get("scopes"), register.get("partition")
    expect(("scope" in r) == (scopes is not None), "scope", "present exactly when the epoch declares scopes")
    if scopes is not None:
        members(r["scope"], "scope", {"channel", "sector"})
        for name, kind in (("channel", "channels"), ("sector", "sectors")):
            value = r["scope"][name]
            expect(value is None or value in [choice["code"] for choice in scopes[kind]], f"scope.{name}",
                   f"must be null or one of the register's {kind}")
    expect(("partitions" in r) == (rule is not None), "partitions", "present exactly when the epoch is partitioned")
    if rule is not None:
        ids = r["partitions"]
        expect(isinstance(ids, list) and all(isinstance(i, str) and i.isascii() and i.isdigit() and len(i) == rule["digits"] for i in ids),
               "partitions", f"must list partitions of {rule['digits']} digits")
        expect(ids == sorted(set(ids)), "partitions", "must be ascending, once each")
    lists = r.get("lists")
    first = lists[0] if isinstance(lists, list) and lists and isinstance(lists[0], dict) else {}
    if "scope" in first:
        expect(first["scope"] == r.get("scope"), "lists[0].scope", "must be the receipt's scope")
    if "partitions" in first:
        expect(first["partitions"] == r.get("partitions"), "lists[0].partitions", "must be the receipt's partitions")


def check_output_file(summary, path):
    members(summary, path, {"name", "rows", "bytes", "sha256"})
    strings(summary, path, ["name"])
    counts(summary, path, ["rows", "bytes"])
    expect(j.is_hex(summary["sha256"], 32), f"{path}.sha256", "not 64 lowercase hex")


# ---- 13.3, 13.4, 13.5 ----

def receipt_hash(receipt) -> str:
    unsigned = {name: value for name, value in receipt.items() if name != "timestamp"}
    return hashlib.sha256(j.canonical_bytes(unsigned)).hexdigest()


def validate_timestamp(t):
    expect(isinstance(t, dict), "timestamp", "must be an object")
    version = t.get("version")
    expect(version in (1, 2) and j.is_integer(version), "timestamp.version", "must be 1 or 2")
    members(t, "timestamp", {"format", "version", "claim", "signature"} | ({"key"} if version == 2 else set()))
    expect(t["format"] == "quietlist-receipt-timestamp", "timestamp.format", 'must be "quietlist-receipt-timestamp"')
    claim = t["claim"]
    members(claim, "timestamp.claim", {"receiptSha256", "epoch", "manifestSha256", "time"})
    expect(j.is_hex(claim["receiptSha256"], 32), "timestamp.claim.receiptSha256", "not 64 lowercase hex")
    expect(j.is_epoch_id(claim["epoch"]), "timestamp.claim.epoch", "not an epoch id")
    expect(j.is_hex(claim["manifestSha256"], 32), "timestamp.claim.manifestSha256", "not 64 lowercase hex")
    expect(j.is_timestamp(claim["time"]), "timestamp.claim.time", "not a timestamp")
    check_signature(t["signature"], "timestamp.signature")
    if version == 2:
        validate_certificate(t["key"], "timestamp.key")
    return t


def check_signature(signature, path):
    members(signature, path, {"algorithm", "keyFingerprint", "value"})
    expect(signature["algorithm"] == "Ed25519", f"{path}.algorithm", "must be Ed25519")
    expect(j.is_hex(signature["keyFingerprint"], 16), f"{path}.keyFingerprint", "not 32 lowercase hex")
    expect(j.decode_base64(signature["value"], 64) is not None, f"{path}.value", "not canonical base64 of 64 bytes")


def validate_certificate(c, path):
    """The timestamp key certificate of 13.5 (timestamp.cert, a version 2 countersignature's `key`)."""
    members(c, path, {"format", "version", "key", "signature"})
    expect(c["format"] == "quietlist-timestamp-key", f"{path}.format", 'must be "quietlist-timestamp-key"')
    expect(c["version"] == 1 and j.is_integer(c["version"]), f"{path}.version", "must be 1")
    members(c["key"], f"{path}.key", {"publicKey", "createdAt"})
    expect(j.decode_base64(c["key"]["publicKey"], 32) is not None, f"{path}.key.publicKey", "not canonical base64 of 32 bytes")
    expect(j.is_timestamp(c["key"]["createdAt"]), f"{path}.key.createdAt", "not a timestamp")
    check_signature(c["signature"], f"{path}.signature")


def timestamp_signed_bytes(claim) -> bytes:
    return TIMESTAMP_LABEL + j.canonical_bytes(claim)


def certificate_signed_bytes(key) -> bytes:
    return CERTIFICATE_LABEL + j.canonical_bytes(key)


# ---- 13.6 ----

def verify_receipt(data: bytes, operator_keys: list, published: dict = None) -> dict:
    """Every check of 13.6 but the files (step 7). `operator_keys`: keys known independently (a pin, a
    verified chain); `published`: epoch id -> manifest hash of the store, when the verifier has it.
    Returns {check: outcome}; raises SpecError on the first failed check."""
    receipt = parse_receipt(data)
    digest = receipt_hash(receipt)
    outcome = {"receiptSha256": digest}
    signed, epoch = receipt["signedManifest"], receipt["epoch"]
    m = signed["manifest"]
    same = (mf.manifest_hash(m) == epoch["manifestSha256"] and m["epoch"] == epoch["id"] and m["createdAt"] == epoch["createdAt"]
            and m["mode"] == epoch["mode"] and m["filter"]["falsePositiveRate"] == epoch["falsePositiveRate"])
    if not same:
        raise SpecError("MANIFEST_INVALID", "the embedded manifest is not the epoch the receipt names")
    outcome["embedded manifest"] = "verified"
    key = j.decode_base64(epoch["signingPublicKey"], 32)
    if not mf.fingerprint(key) == signed["signature"]["keyFingerprint"] == epoch["signingKeyFingerprint"]:
        raise SpecError("SIGNATURE_INVALID", "the receipt's key, its fingerprint and the manifest's signer differ")
    mf.verify_signature(signed, key)
    outcome["manifest signature"] = "verified"
    outcome["operator key"] = "verified" if key in operator_keys else "not checked"
    check_counts_and_times(receipt)
    outcome["counts and times"] = "verified"
    if receipt["normalization"]["scheme"] != m["normalization"].get("scheme", 1):
        raise SpecError("SCHEME_UNSUPPORTED", "the receipt's normalisation scheme is not the list's")
    outcome["normaliser"] = "verified"
    register = m.get("register", {})
    if "scopes" in register or "partition" in register:
        outcome["scope and partitions"] = "verified"  # step 6a, checked with the fields (parse_receipt)
    outcome["operator timestamp"] = check_timestamp(receipt, digest, operator_keys, published)
    return outcome


def check_counts_and_times(r):
    c, outputs = r["counts"], r["outputs"]
    problems = []
    if c["rows"] != c["listed"] + c["clean"] + c["invalid"]:
        problems.append("rows != listed + clean + invalid")
    if sum(r["invalidByReason"].values()) != c["invalid"]:
        problems.append("invalidByReason does not add up to invalid")
    if outputs["clean"]["rows"] != (c["rows"] if r["settings"]["mode"] == "flag" else c["clean"]):
        problems.append("the clean output's rows")
    if "listed" in outputs and outputs["listed"]["rows"] != c["listed"]:
        problems.append("the listed output's rows")
    if "rejects" in outputs and outputs["rejects"]["rows"] != c["invalid"]:
        problems.append("the rejects output's rows")
    if j.timestamp_order(r["finishedAt"]) < j.timestamp_order(r["startedAt"]):
        problems.append("finishedAt is before startedAt")
    if "lists" in r:
        first, listed = r["lists"][0], [entry["listed"] for entry in r["lists"]]
        if first["epoch"] != r["epoch"]["id"] or first["manifestSha256"] != r["epoch"]["manifestSha256"]:
            problems.append("the first of lists is not the receipt's epoch")
        if max(listed) > c["listed"] or sum(listed) < c["listed"]:
            problems.append("the lists' listed rows do not account for listed")
    if problems:
        raise SpecError(CODE, "receipt counts and times: " + "; ".join(problems))


def check_timestamp(receipt, digest, operator_keys, published):
    if "timestamp" not in receipt:
        return "not checked"
    t = receipt["timestamp"]
    if t["claim"]["receiptSha256"] != digest:
        raise SpecError("SIGNATURE_INVALID", "the countersignature names another receipt")
    if t["version"] == 2:
        certificate = t["key"]
        signers = [key for key in operator_keys if mf.fingerprint(key) == certificate["signature"]["keyFingerprint"]]
        if not signers:
            return "not checked"
        if not ed25519.verify(signers[0], certificate_signed_bytes(certificate["key"]),
                              j.decode_base64(certificate["signature"]["value"], 64)):
            raise SpecError("SIGNATURE_INVALID", "the timestamp key's certificate does not verify under the operator key")
        stamper = j.decode_base64(certificate["key"]["publicKey"], 32)
        if mf.fingerprint(stamper) != t["signature"]["keyFingerprint"]:
            raise SpecError("SIGNATURE_INVALID", "the countersignature is not signed by the certified timestamp key")
        if j.timestamp_order(t["claim"]["time"]) < j.timestamp_order(certificate["key"]["createdAt"]):
            raise SpecError("SIGNATURE_INVALID", "the countersignature is dated before its timestamp key was certified")
    else:
        signers = [key for key in operator_keys if mf.fingerprint(key) == t["signature"]["keyFingerprint"]]
        if not signers:
            return "not checked"
        stamper = signers[0]
    value = j.decode_base64(t["signature"]["value"], 64)
    if not ed25519.verify(stamper, timestamp_signed_bytes(t["claim"]), value):
        raise SpecError("SIGNATURE_INVALID", "the countersignature does not verify")
    if published is not None and published.get(t["claim"]["epoch"]) != t["claim"]["manifestSha256"]:
        raise SpecError("SIGNATURE_INVALID", "the countersignature names an epoch the store did not publish")
    return "verified"

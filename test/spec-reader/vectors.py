"""The shared test vectors (docs/FORMAT.md section 10), reproduced by this reader.

normalization.json is not: this reader has no phone-number library (it takes keys, section 1.1).
"""
import hashlib
import json
import os

import ed25519
import filters as fl
import jsonrules as j
import manifest as mf
from errors import SpecError


def load(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8") as handle:
        return json.load(handle)


def check(results, name, ok, detail=""):
    results.append({"check": name, "ok": bool(ok), **({"detail": detail} if detail and not ok else {})})


def digests(directory, results):
    data = load(directory, "digests.json")
    for key in data["keys"]:
        raw = bytes.fromhex(key["key"])
        check(results, f"digests: key id of {key['keyId']}", mf.key_id(raw) == key["keyId"] and j.decode_base64(key["keyBase64"], 32) == raw)
    for case in data["cases"]:
        check(results, f"digests: {case['e164']}", fl.digest(bytes.fromhex(case["key"]), case["e164"]).hex() == case["digest"])


def filter_cases(directory, results):
    for case in load(directory, "filters.json")["cases"]:
        files = {}
        for shard in case["shards"]:
            data = bytes.fromhex(shard["fileHex"])
            header = fl.parse_filter(data)
            ok = (len(data) == shard["bytes"] and hashlib.sha256(data).hexdigest() == shard["sha256"]
                  and f"{fl.crc32(data[:-4]):08x}" == shard["crc32"] and header["shardIndex"] == shard["index"]
                  and header["entries"] == shard["entries"] and header["bitCount"] == shard["bitCount"]
                  and header["hashCount"] == shard["hashCount"] and shard["path"] == f"shard-{shard['index']:05d}.qlbf")
            check(results, f"filters {case['name']}: shard {shard['index']}", ok)
            files[shard["index"]] = data
        key = bytes.fromhex(case["key"])
        for sample in case["members"] + case["nonMembers"]:
            dig = fl.digest(key, sample["e164"])
            shard = fl.shard_of(dig, case["shardPrefixBits"])
            header = fl.parse_filter(files[shard])
            ok = (dig.hex() == sample["digest"] and shard == sample["shard"]
                  and fl.bit_positions(dig, header["bitCount"], header["hashCount"]) == sample["indexes"]
                  and fl.is_listed(files[shard], dig) == sample["present"])
            check(results, f"filters {case['name']}: {sample['e164']}", ok)
        for sample in case["members"]:
            check(results, f"filters {case['name']}: member {sample['e164']} listed", sample["present"])


def manifest_vector(directory, results):
    data = load(directory, "manifest.json")
    public = bytes.fromhex(data["publicKey"])
    check(results, "manifest: RFC 8032 TEST 1 public key", ed25519.public_key_of(bytes.fromhex(data["secretKey"])) == public)
    signed = mf.validate_manifest_file(j.parse_strict(data["manifestJson"].encode("utf-8"), "manifest vector"))
    check(results, "manifest: canonical string", j.canonical(signed["manifest"]) == data["canonical"])
    check(results, "manifest: hash", mf.manifest_hash(signed["manifest"]) == data["manifestSha256"])
    check(results, "manifest: fingerprint", mf.fingerprint(public) == data["keyFingerprint"])
    mf.verify_signature(signed, public)
    check(results, "manifest: signature", True)
    pointer = mf.validate_pointer(j.parse_strict(data["latestJson"].encode("utf-8"), "latest.json vector"))
    check(results, "manifest: latest.json", pointer["pointer"] == data["latestPointer"]
          and pointer["pointer"]["manifestSha256"] == data["manifestSha256"])
    check(results, "manifest: latest.json signed bytes",
          mf.POINTER_LABEL + j.canonical_bytes(pointer["pointer"]) == data["pointerSigned"].encode("utf-8"))
    mf.verify_pointer_signature(pointer, public)
    check(results, "manifest: latest.json signature", True)


def refuses(action):
    try:
        action()
    except SpecError as error:
        return True, error.message
    return False, "accepted"


def invalid_vectors(directory, results):
    data = load(directory, "invalid.json")
    public = bytes.fromhex(data["publicKey"])

    def read_manifest(hex_text):
        signed = mf.validate_manifest_file(j.parse_strict(bytes.fromhex(hex_text), "manifest"))
        mf.verify_signature(signed, public)

    for case in data["manifests"]:
        refused, why = refuses(lambda: read_manifest(case["fileHex"]))
        check(results, f"invalid manifest {case['name']} ({case['rule']}) refused", refused, why)
    def read_pointer(hex_text):
        pointer = mf.validate_pointer(j.parse_strict(bytes.fromhex(hex_text), "latest.json"))
        mf.verify_pointer_signature(pointer, public)

    for case in data["pointers"]:
        refused, why = refuses(lambda: read_pointer(case["fileHex"]))
        check(results, f"invalid pointer {case['name']} ({case['rule']}) refused", refused, why)


def delta_vectors(directory, results):
    for case in load(directory, "deltas.json")["cases"]:
        data = bytes.fromhex(case["deltaHex"])
        delta = fl.parse_delta(data)
        source, target = bytes.fromhex(case["fromFileHex"]), bytes.fromhex(case["toFileHex"])
        ok = (delta["positions"] == case["positions"] and delta["riceParameter"] == case["riceParameter"]
              and data[96:-4].hex() == case["payloadHex"] and hashlib.sha256(data).hexdigest() == case["deltaSha256"]
              and delta["toSha256"] == hashlib.sha256(target).hexdigest())
        check(results, f"deltas {case['name']}: header and payload", ok)
        check(results, f"deltas {case['name']}: applied", fl.apply_delta(source, delta) == target)


def scope_vectors(directory, results):
    data = load(directory, "scopes.json")
    scopes = data["scopes"]
    for registration in data["registrations"]:
        labels = fl.labels_entered(scopes, registration["channels"], registration["sectors"])
        check(results, f"scopes: registration {registration['channels']} x {registration['sectors']}", labels == registration["labels"])
    for query in data["checks"]:
        labels = fl.labels_looked_up(scopes, query["channel"], query["sector"])
        check(results, f"scopes: check {query['channel']} / {query['sector']}", labels == query["labels"])
    only = data["channelsOnly"]
    check(results, "scopes: a register without sectors",
          fl.labels_entered(only["scopes"], only["registration"]["channels"], only["registration"]["sectors"]) == only["labels"]
          and fl.labels_looked_up(only["scopes"], only["check"]["channel"], only["check"]["sector"]) == only["lookedUp"])
    d = data["digests"]
    dig = fl.digest(bytes.fromhex(d["key"]), d["keyString"])
    check(results, "scopes: digest and head", dig.hex() == d["digest"] and dig[:12].hex() == d["head"])
    for case in d["cases"]:
        check(results, f"scopes: scope digest of {case['label']}", fl.scope_digest(dig, case["label"]).hex() == case["scopeDigest"])


def partition_vectors(directory, results):
    data = load(directory, "partitions.json")
    for case in data["partitionOf"]:
        check(results, f"partitions: partition of {case['keyString']}", fl.partition_of(case["keyString"], data["rule"]) == case["partition"])
    signed = mf.validate_manifest_file(j.parse_strict(data["manifestJson"].encode("utf-8"), "partitioned manifest vector"))
    mf.verify_signature(signed, bytes.fromhex(data["publicKey"]))
    m = signed["manifest"]
    check(results, "partitions: manifest canonical string and hash",
          j.canonical(m) == data["canonical"] and mf.manifest_hash(m) == data["manifestSha256"])
    files = {shard["path"]: bytes.fromhex(shard["fileHex"]) for shard in data["shards"]}
    for entry in m["shards"]:
        body = files[entry["path"]]
        header = fl.parse_filter(body)
        p = next(part["shardPrefixBits"] for part in m["partitions"] if part["id"] == entry["partition"])
        check(results, f"partitions: shard {entry['path']}", hashlib.sha256(body).hexdigest() == entry["sha256"]
              and header["shardIndex"] == entry["index"] and header["shardPrefixBits"] == p)
    key = bytes.fromhex(data["key"])
    scopes = m["register"]["scopes"]
    groups = mf.shard_groups(m)
    for case in data["checks"]:
        partition = fl.partition_of(case["keyString"], m["register"]["partition"])
        group = next((g for g in groups if partition is not None and g[0] == partition), None)
        answer = "not_listed"
        if group is not None:
            dig = fl.digest(key, case["keyString"])
            for label in fl.labels_looked_up(scopes, case["channel"], case["sector"]):
                scoped = fl.scope_digest(dig, label)
                entry = m["shards"][group[3] + fl.shard_of(scoped, group[1])]
                if fl.is_listed(files[entry["path"]], scoped):
                    answer = "listed"
        check(results, f"partitions: {case['keyString']} for {case['channel']} / {case['sector']}", answer == case["answer"])


def verify_vectors(directory):
    results = []
    for part in (digests, filter_cases, manifest_vector, invalid_vectors, delta_vectors, scope_vectors, partition_vectors):
        try:
            part(directory, results)
        except SpecError as error:
            check(results, part.__name__, False, str(error))
    failed = [result for result in results if not result["ok"]]
    return {"ok": not failed, "checked": len(results), "failed": failed}

"""Verifying a whole store (docs/FORMAT.md section 9.2) in a directory (`file://DIR`, section 8)."""
import hashlib
import os
import re

import additions as ad
import filters as fl
import jsonrules as j
import manifest as mf
from errors import SpecError

WRITES_IN_PROGRESS = re.compile(r"\.ql-(?:tmp-[0-9a-f]+|lock|stale-[0-9a-f]+)$")


def read(root, key):
    path = os.path.join(root, *key.split("/"))
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as handle:
        return handle.read()


def read_chain(root):
    """Steps 1-2: the pointer, then every manifest back to the first epoch, oldest first."""
    data = read(root, "latest.json")
    if data is None:
        raise SpecError("MANIFEST_INVALID", "the store has no latest.json")
    signed_pointer = mf.validate_pointer(j.parse_strict(data, "latest.json"))
    pointer = signed_pointer["pointer"]
    chain = []
    link = {"epoch": pointer["epoch"], "manifestSha256": pointer["manifestSha256"]}
    while link is not None:
        data = read(root, f"epochs/{link['epoch']}/manifest.json")
        if data is None:
            raise SpecError("MANIFEST_INVALID", f"the manifest of published epoch {link['epoch']} is missing")
        signed = mf.validate_manifest_file(j.parse_strict(data, f"manifest of {link['epoch']}"))
        m = signed["manifest"]
        if m["epoch"] != link["epoch"] or mf.manifest_hash(m) != link["manifestSha256"]:
            raise SpecError("MANIFEST_INVALID", f"the manifest of epoch {link['epoch']} does not match its link")
        chain.append(signed)
        link = m["previous"]
        if len(chain) > 100_000:
            raise SpecError("MANIFEST_INVALID", "the chain of previous links does not end")
    chain.reverse()
    for older, newer in zip(chain, chain[1:]):
        if j.timestamp_order(newer["manifest"]["createdAt"]) <= j.timestamp_order(older["manifest"]["createdAt"]):
            raise SpecError("MANIFEST_INVALID", f"epoch {newer['manifest']['epoch']} is not created after its predecessor")
    return signed_pointer, chain


def verify_pointer(signed_pointer, chain, keys, now_order):
    """Section 7: signed by the key that signed the manifest it names, or the successor that manifest
    announces (and that key is one of the chain's, so a retired key cannot sign it); not expired."""
    latest = chain[-1]
    signer = next(key for key in keys if mf.fingerprint(key) == latest["signature"]["keyFingerprint"])
    candidates = [signer]
    if "signing" in latest["manifest"]:
        candidates.append(j.decode_base64(latest["manifest"]["signing"]["next"], 32))
    by = signed_pointer["signature"]["keyFingerprint"]
    key = next((candidate for candidate in candidates if mf.fingerprint(candidate) == by), None)
    if key is None:
        raise SpecError("SIGNATURE_INVALID", f"latest.json is signed by {by}: neither the signer of epoch "
                        f"{latest['manifest']['epoch']} nor the successor it announces")
    mf.verify_pointer_signature(signed_pointer, key)
    mf.assert_pointer_fresh(signed_pointer, now_order)


def verify_retirements(root, chain, keys):
    """Section 6.3: every key retirement record names a handover the chain shows: the manifest of
    `handover` is published with that hash, signed by `successor`, and the key before it in the chain is
    the retired one. Gives the fingerprints retired."""
    directory = os.path.join(root, "key-retirements")
    names = sorted(os.listdir(directory)) if os.path.isdir(directory) else []
    fingerprints = [mf.fingerprint(key) for key in keys]
    published = {signed["manifest"]["epoch"]: signed for signed in chain}
    retired = []
    for name in names:
        if WRITES_IN_PROGRESS.search(name):
            continue
        record = mf.validate_retirement(j.parse_strict(read(root, f"key-retirements/{name}"), name, "MANIFEST_INVALID"), name)
        successor = j.decode_base64(record["successor"], 32)
        handover = published.get(record["handover"]["epoch"])
        ok = (handover is not None
              and mf.manifest_hash(handover["manifest"]) == record["handover"]["manifestSha256"]
              and handover["signature"]["keyFingerprint"] == mf.fingerprint(successor)
              and record["retiredKey"] in fingerprints[:-1]
              and fingerprints[fingerprints.index(record["retiredKey"]) + 1] == mf.fingerprint(successor))
        if not ok:
            raise SpecError("SIGNATURE_INVALID", f"key-retirements/{name} proves no handover of this store's key chain")
        retired.append(record["retiredKey"])
    return retired


def verify_key_chain(chain, pinned):
    """Step 3 (the rule of 6.3 step 2 from the first epoch): the keys in force, in order."""
    trusted, announced, keys = pinned, None, [pinned]
    for signed in chain:
        signer = signed["signature"]["keyFingerprint"]
        if signer != mf.fingerprint(trusted):
            if announced is None or signer != mf.fingerprint(announced):
                raise SpecError("SIGNATURE_INVALID", f"epoch {signed['manifest']['epoch']} is signed by {signer}, "
                                "neither the key in force nor an announced successor")
            trusted, announced = announced, None
            keys.append(trusted)
        mf.verify_signature(signed, trusted)
        if "signing" in signed["manifest"]:
            announced = j.decode_base64(signed["manifest"]["signing"]["next"], 32)
    return keys


def prefix_bits_of(m, entry):
    """The p of the entry's group: the epoch's, or its partition's (section 1.4)."""
    if "partitions" not in m:
        return m["filter"]["shardPrefixBits"]
    return next(p["shardPrefixBits"] for p in m["partitions"] if p["id"] == entry["partition"])


def same_shard_in(m, entry):
    """The entry of `m` with the same partition and index as `entry` (sections 1.4, 12), or None."""
    for partition, _p, _since, first, count in mf.shard_groups(m):
        if partition == entry.get("partition") and entry["index"] < count:
            return m["shards"][first + entry["index"]]
    return None


def verify_shard(root, m, entry):
    """Section 9.1 step 9: size, SHA-256, the file's own checks, its header against the manifest."""
    data = read(root, f"epochs/{m['epoch']}/{entry['path']}")
    if data is None:
        raise SpecError("SHARD_MISSING", f"{m['epoch']}/{entry['path']} is missing")
    if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise SpecError("CHECKSUM_MISMATCH", f"{m['epoch']}/{entry['path']} is not the signed file")
    header = fl.parse_filter(data)
    expected = {"shardIndex": entry["index"], "shardPrefixBits": prefix_bits_of(m, entry), "bitCount": entry["bitCount"],
                "hashCount": entry["hashCount"], "entries": entry["entries"], "falsePositiveRate": m["filter"]["falsePositiveRate"]}
    for field, value in expected.items():
        if header[field] != value:
            raise SpecError("FORMAT_INVALID", f"{m['epoch']}/{entry['path']}: header {field} disagrees with the manifest")
    return data


def verify_delta(root, m, entry, previous):
    """Section 12: the delta file against its entry, its header against both manifests, then applied."""
    delta_entry = entry["delta"]
    name = f"{m['epoch']}/{delta_entry['path']}"
    data = read(root, f"epochs/{name}")
    if data is None:
        raise SpecError("SHARD_MISSING", f"{name} is missing")
    if len(data) != delta_entry["bytes"] or hashlib.sha256(data).hexdigest() != delta_entry["sha256"]:
        raise SpecError("CHECKSUM_MISMATCH", f"{name} is not the signed delta")
    delta = fl.parse_delta(data)
    source_entry = same_shard_in(previous, entry)
    expected = {"shardIndex": entry["index"], "shardPrefixBits": prefix_bits_of(m, entry), "bitCount": entry["bitCount"],
                "entries": entry["entries"], "toSha256": entry["sha256"],
                "fromSha256": source_entry["sha256"] if source_entry else None}
    for field, value in expected.items():
        if delta[field] != value:
            raise SpecError("FORMAT_INVALID", f"{name}: header {field} disagrees with the manifests")
    source = read(root, f"epochs/{previous['epoch']}/{source_entry['path']}")
    if source is None:
        return False  # the previous epoch's shards are gone (retention): nothing to apply it to
    patched = fl.apply_delta(source, delta)
    digest = hashlib.sha256(patched).hexdigest()
    if digest != delta["toSha256"] or digest != entry["sha256"]:
        raise SpecError("CHECKSUM_MISMATCH", f"{name} applied does not give the signed shard")
    return True


def epoch_files(root, epoch):
    """Every file of an epoch, as paths relative to it (a partition's are under p/<id>/, section 8)."""
    directory = os.path.join(root, "epochs", epoch)
    names = []
    for folder, _subfolders, files in os.walk(directory):
        relative = os.path.relpath(folder, directory)
        for name in files:
            if not WRITES_IN_PROGRESS.search(name):
                names.append(name if relative == "." else f"{relative.replace(os.sep, '/')}/{name}")
    return sorted(names)


def verify_epoch_files(root, signed, previous, is_latest):
    """Step 4 for one epoch: all its files or its manifest alone (retention), never a part."""
    m = signed["manifest"]
    listed = {entry["path"] for entry in m["shards"]} | {entry["delta"]["path"] for entry in m["shards"] if "delta" in entry}
    if "additions" in m:
        # Section 14: a live list's batches (a directory) and folded additions, verified below.
        listed |= {"additions"} | ({"additions-folded.json"} if "folded" in m["additions"] else set())
    present = set(epoch_files(root, m["epoch"])) - {"manifest.json"}
    summary = {"epoch": m["epoch"], "mode": m["mode"], "signer": signed["signature"]["keyFingerprint"],
               "announces": mf.fingerprint(j.decode_base64(m["signing"]["next"], 32)) if "signing" in m else None,
               "shards": 0, "deltas": 0, "deltasApplied": 0, "unexpected": sorted(present - listed)}
    if "additions" in m:
        batches = ad.verify_chain(lambda key: read(root, key), m, mf.manifest_hash(m))
        summary["additions"] = {"batches": len(batches),
                                "through": batches[-1]["last"] if batches else m["additions"]["sequence"]}
    if not present & (listed - {"additions"}) and not is_latest:
        summary["files"] = "manifest only"
        return summary
    summary["files"] = "all"
    if "additions" in m and "folded" in m["additions"]:
        summary["additions"]["folded"] = len(ad.verify_folded(lambda key: read(root, key), m)["entries"])
    for entry in m["shards"]:
        verify_shard(root, m, entry)
        summary["shards"] += 1
        if "delta" in entry:
            summary["deltasApplied"] += 1 if verify_delta(root, m, entry, previous["manifest"]) else 0
            summary["deltas"] += 1
    return summary


def unpublished_epochs(root, chain):
    published = {signed["manifest"]["epoch"] for signed in chain}
    directory = os.path.join(root, "epochs")
    return sorted(name for name in os.listdir(directory) if name not in published) if os.path.isdir(directory) else []

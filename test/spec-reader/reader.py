#!/usr/bin/env python3
"""An independent quietlist reader, written from docs/FORMAT.md alone (Python 3.11, standard library).

    reader.py store DIR --public-key KEY [--list NAME] [--hash-key FILE] [--check KEY_STRING]...
              [--scope CHANNEL/SECTOR] [--partitions LIST] [--receipt FILE]...
    reader.py vectors DIR        the shared test vectors (test/vectors)
    reader.py selftest           RFC 8032 and the CRC-32 check value

`store` verifies a whole store (section 9.2): the pointer, every manifest back to the first epoch and
its key chain from KEY (the key that signed the first epoch), every shard and delta still stored,
deltas applied to the previous shard, the receipts given; then answers membership for the key strings
given (section 1.1's keys, E.164 such as +33639980012: this reader has no phone-number library) in open
mode, or in secret mode with the hash key; in a scoped epoch for the scope given (section 1.3: a code,
or "any", each side of the slash; default any/any), in a partitioned one within the partitions given
(section 1.4; default every one: a key of another answers NOT_ENTITLED). The oprf mode's evaluation
(docs/OPRF.md) is out of scope: its stores are verified structurally. Prints a JSON report; exit 0 when
nothing failed, 1 otherwise.
"""
import argparse
import datetime
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import additions as ad  # noqa: E402
import ed25519  # noqa: E402
import filters as fl  # noqa: E402
import jsonrules as j  # noqa: E402
import manifest as mf  # noqa: E402
import receipts as rc  # noqa: E402
import store as st  # noqa: E402
import vectors  # noqa: E402
from errors import SpecError  # noqa: E402

SCHEMES = {3}
KEY_STRING = re.compile(r"^\+[0-9]{1,15}$")


def parse_key(text: str) -> bytes:
    text = text.strip()
    if re.fullmatch(r"[0-9a-fA-F]{64}", text):
        return bytes.fromhex(text)
    key = j.decode_base64(text, 32)
    if key is None:
        raise SpecError("KEY_INVALID", "a key is 32 bytes, base64 or hex")
    return key


def key_from(value: str) -> bytes:
    return parse_key(open(value, encoding="ascii").read() if os.path.isfile(value) else value)


def live_digests(root, chain, now_order):
    """Section 14.4 steps 1-3 on the latest epoch: the unexpired entries' digests on top of its filter."""
    latest = chain[-1]["manifest"]
    if "additions" not in latest:
        return set()
    read = lambda key: st.read(root, key)  # noqa: E731
    batches = ad.verify_chain(read, latest, mf.manifest_hash(latest))
    if not batches and len(chain) > 1 and "additions" in chain[-2]["manifest"]:
        previous = chain[-2]["manifest"]
        batches = ad.verify_chain(read, previous, mf.manifest_hash(previous))
    digests = set()
    for batch in batches:
        for entry in batch["entries"]:
            if entry["sequence"] <= latest["additions"]["sequence"]:
                continue
            if "expiresAt" in entry and j.timestamp_order(entry["expiresAt"]) <= now_order:
                continue
            digests.update(entry["digests"])
    return digests


def parse_scope(text, scopes):
    """--scope CHANNEL/SECTOR: each a declared code or "any" (section 1.3)."""
    channel, _, sector = (text or "any/any").partition("/")
    picked = []
    for kind, value in (("channels", channel), ("sectors", sector or "any")):
        if value == "any":
            picked.append(None)
            continue
        if scopes is None or value not in [choice["code"] for choice in scopes[kind]]:
            raise SpecError("INVALID_ARGUMENT", f"--scope: {value} is not one of the register's {kind}")
        picked.append(value)
    return picked


def where_looked_up(m, key_string, held):
    """Section 1.4: the (first position, p) of the key's shards; "nothing" or "unanswerable"."""
    rule = m.get("register", {}).get("partition")
    groups = mf.shard_groups(m)
    if rule is None:
        return groups[0][3], groups[0][1]
    partition = fl.partition_of(key_string, rule)
    group = next((g for g in groups if partition is not None and g[0] == partition), None)
    if group is None:
        return "nothing"
    if held is not None and partition not in held:
        return "unanswerable"
    return group[3], group[1]


def membership(root, m, hash_key, key_strings, scope_text=None, partitions_text=None, added=frozenset()):
    """Section 9.1 step 10 for key strings, on the latest epoch (and its live additions, 14.4)."""
    if not key_strings:
        return {}
    scheme = m["normalization"].get("scheme", 1)
    if scheme not in SCHEMES:
        raise SpecError("SCHEME_UNSUPPORTED", f"normalisation scheme {scheme}")
    if m["mode"] == "oprf":
        raise SpecError("INVALID_ARGUMENT", "oprf-mode membership needs the OPRF evaluation, out of this reader's scope")
    key = j.decode_base64(m["hash"]["key"], 32) if m["mode"] == "open" else hash_key
    if key is None:
        raise SpecError("KEY_INVALID", "a secret-mode epoch needs --hash-key")
    if mf.key_id(key) != m["hash"]["keyId"]:
        raise SpecError("KEY_INVALID", "the hash key's id is not the manifest's")
    scopes = m.get("register", {}).get("scopes")
    channel, sector = parse_scope(scope_text, scopes)
    labels = fl.labels_looked_up(scopes, channel, sector) if scopes else None
    held = None if partitions_text is None else set(partitions_text.split(","))
    answers = {}
    for key_string in key_strings:
        if not KEY_STRING.fullmatch(key_string):
            raise SpecError("INVALID_ARGUMENT", "--check takes key strings: + and 1 to 15 digits")
        place = where_looked_up(m, key_string, held)
        if place == "nothing":
            answers[key_string] = "not_listed"
            continue
        if place == "unanswerable":
            answers[key_string] = "NOT_ENTITLED"
            continue
        first, p = place
        digest = fl.digest(key, key_string)
        # A live addition holds the reading's digest itself, whatever the scope (section 14.4).
        listed = digest[:12].hex() in added
        digests = [fl.scope_digest(digest, label) for label in labels] if labels else [digest]
        for dig in digests:
            entry = m["shards"][first + fl.shard_of(dig, p)]
            listed = listed or fl.is_listed(st.verify_shard(root, m, entry), dig)
        answers[key_string] = "listed" if listed else "not_listed"
    return answers


def now_timestamp() -> str:
    """The reader's clock, as a section 6.1 timestamp."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def verify_store(args) -> dict:
    report = {"ok": False, "errors": [], "epochs": [], "keys": [], "checks": {}, "receipts": []}
    root = args.dir if args.list == "default" else os.path.join(args.dir, "lists", args.list)
    args.dir = root
    try:
        if not mf.is_list_name(args.list):
            raise SpecError("INVALID_ARGUMENT", "--list takes a list name (section 14.1)")
        signed_pointer, chain = st.read_chain(args.dir)
        for signed in chain:
            if mf.list_of(signed["manifest"]) != args.list:
                raise SpecError("MANIFEST_INVALID", f"epoch {signed['manifest']['epoch']} is of list "
                                f"{mf.list_of(signed['manifest'])}, not {args.list}")
        keys = st.verify_key_chain(chain, key_from(args.public_key))
        st.verify_pointer(signed_pointer, chain, keys, j.timestamp_order(now_timestamp()))
        report["retired"] = st.verify_retirements(args.dir, chain, keys)
    except SpecError as error:
        report["errors"].append(str(error))
        return report
    report["latest"] = signed_pointer["pointer"]["epoch"]
    report["expiresAt"] = signed_pointer["pointer"]["expiresAt"]
    report["keys"] = [mf.fingerprint(key) for key in keys]
    report["unpublished"] = st.unpublished_epochs(args.dir, chain)
    for i, signed in enumerate(chain):
        try:
            report["epochs"].append(st.verify_epoch_files(args.dir, signed, chain[i - 1] if i else None, i == len(chain) - 1))
        except SpecError as error:
            report["errors"].append(f"{error} (epoch {signed['manifest']['epoch']})")
    try:
        hash_key = key_from(args.hash_key) if args.hash_key else None
        added = live_digests(args.dir, chain, j.timestamp_order(now_timestamp())) if args.check else set()
        report["checks"] = membership(args.dir, chain[-1]["manifest"], hash_key, args.check, args.scope,
                                      args.partitions, added)
    except SpecError as error:
        report["errors"].append(str(error))
    published = {signed["manifest"]["epoch"]: mf.manifest_hash(signed["manifest"]) for signed in chain}
    for path in args.receipt:
        try:
            with open(path, "rb") as handle:
                report["receipts"].append({"file": path, **rc.verify_receipt(handle.read(), keys, published)})
        except SpecError as error:
            report["errors"].append(f"{error} (receipt {path})")
    report["ok"] = not report["errors"]
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    store = commands.add_parser("store")
    store.add_argument("dir")
    store.add_argument("--public-key", required=True, help="the key that signed the first epoch: base64, hex or a file")
    store.add_argument("--hash-key", help="secret mode: the operator's hash key (base64, hex or a file)")
    store.add_argument("--check", action="append", default=[], help="a key string such as +33639980012")
    store.add_argument("--scope", help="scoped epochs: CHANNEL/SECTOR, each a code or any (default any/any)")
    store.add_argument("--partitions", help="partitioned epochs: the partitions held, comma-separated (default all)")
    store.add_argument("--receipt", action="append", default=[], help="a receipt file to verify against the store")
    store.add_argument("--list", default="default", help="the list to verify (section 14.1): lists/NAME/ of DIR")
    vector_dir = commands.add_parser("vectors")
    vector_dir.add_argument("dir")
    commands.add_parser("selftest")
    args = parser.parse_args(argv)
    if args.command == "store":
        report = verify_store(args)
    elif args.command == "vectors":
        report = vectors.verify_vectors(args.dir)
    else:
        ed25519.self_test()
        assert fl.crc32(b"123456789") == 0xCBF43926 and fl.crc32(b"") == 0, "CRC-32 check value"
        report = {"ok": True}
    print(json.dumps(report, indent=2, sort_keys=True))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

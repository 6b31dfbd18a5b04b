"""The JSON rules of docs/FORMAT.md (Conventions, section 6.2): strict parsing, canonical JSON
(RFC 8785 as the spec spells it out), and the value shapes (timestamps, epoch ids, hex, base64)."""
import base64
import binascii
import datetime
import json
import re

from errors import SpecError

FRACTIONAL_MEMBERS = {"falsePositiveRate", "years"}
MAX_INTEGER = 2**53


class _Fraction(float):
    """A number written with a fraction or an exponent (json's parse_float hands us its text)."""


def _refuse_fractions_in(value, member, what):
    if isinstance(value, _Fraction) and member not in FRACTIONAL_MEMBERS:
        raise SpecError("MANIFEST_INVALID", f"{what}: {member or 'a number'} must be an integer without fraction or exponent")
    if isinstance(value, list):
        for item in value:
            _refuse_fractions_in(item, None, what)


def parse_strict(data: bytes, what: str, code: str = "MANIFEST_INVALID"):
    """UTF-8 JSON without BOM, without duplicate member names, integers written as integers."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise SpecError(code, f"{what} starts with a byte-order mark")
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise SpecError(code, f"{what} is not valid UTF-8") from None

    def members(pairs):
        names = set()
        for name, value in pairs:
            if name in names:
                raise SpecError(code, f"{what}: duplicate member name {json.dumps(name)}")
            names.add(name)
            _refuse_fractions_in(value, name, what)
        return dict(pairs)

    def no_constant(name):
        raise SpecError(code, f"{what}: {name} is not JSON")

    try:
        value = json.loads(text, object_pairs_hook=members, parse_float=_Fraction, parse_constant=no_constant)
    except json.JSONDecodeError as error:
        raise SpecError(code, f"{what} is not valid JSON ({error.msg})") from None
    except SpecError as error:
        raise SpecError(code, error.message) from None
    _refuse_fractions_in(value, None, what)
    return _plain(value)


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, _Fraction):
        return float(value)
    return value


# ---- canonical JSON (section 6.2) ----

def _number(value) -> str:
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise SpecError("MANIFEST_INVALID", "canonical JSON holds no NaN or infinity")
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    sign = "-" if value < 0 else ""
    # repr gives the shortest digits that read back as the same double: value = 0.<digits> x 10^n.
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    n = len(whole) + int(exponent or 0) - (len(digits) - len(digits.lstrip("0")))
    digits = digits.strip("0")
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    tail = "." + digits[1:] if k > 1 else ""
    return f"{sign}{digits[0]}{tail}e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def canonical(value) -> str:
    """RFC 8785 for the values quietlist's objects hold: sorted members (UTF-16 code units), no space."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        names = sorted(value, key=lambda name: name.encode("utf-16-be"))
        return "{" + ",".join(_string(name) + ":" + canonical(value[name]) for name in names) + "}"
    raise SpecError("MANIFEST_INVALID", f"canonical JSON cannot hold {type(value).__name__}")


def canonical_bytes(value) -> bytes:
    return canonical(value).encode("utf-8")


# ---- value shapes (Conventions) ----

EPOCH_ID = re.compile(r"^[0-9]{8}T[0-9]{6}Z(-[0-9a-z]{1,16})?$")
TIMESTAMP = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?Z$")
DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def is_epoch_id(value) -> bool:
    return isinstance(value, str) and EPOCH_ID.fullmatch(value) is not None


def is_timestamp(value) -> bool:
    match = isinstance(value, str) and TIMESTAMP.fullmatch(value)
    if not match:
        return False
    y, mo, d, h, mi, s = (int(match.group(i)) for i in range(1, 7))
    try:
        datetime.datetime(y, mo, d, h, mi, s)
    except ValueError:
        return False
    return y >= 1000


def timestamp_order(value: str) -> tuple:
    """A key that orders timestamps by the time they denote (fractions of any length)."""
    match = TIMESTAMP.fullmatch(value)
    fraction = (match.group(7) or ".")[1:].ljust(9, "0")
    return tuple(int(match.group(i)) for i in range(1, 7)) + (int(fraction),)


def is_date(value) -> bool:
    match = isinstance(value, str) and DATE.fullmatch(value)
    if not match:
        return False
    try:
        datetime.date(*(int(match.group(i)) for i in range(1, 4)))
    except ValueError:
        return False
    return True


def is_hex(value, nbytes: int) -> bool:
    return isinstance(value, str) and re.fullmatch(f"[0-9a-f]{{{nbytes * 2}}}", value) is not None


def decode_base64(value, nbytes: int):
    """The bytes of canonical base64 of exactly `nbytes` bytes, or None for any other spelling."""
    if not isinstance(value, str) or re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", value) is None:
        return None
    if len(value) != (nbytes + 2) // 3 * 4:
        return None
    try:
        data = base64.b64decode(value, validate=True)
    except binascii.Error:
        return None
    if len(data) != nbytes or base64.b64encode(data).decode("ascii") != value:
        return None
    return data


def is_integer(value, minimum=None) -> bool:
    ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INTEGER
    return ok and (minimum is None or value >= minimum)


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)

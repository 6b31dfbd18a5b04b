"""Ed25519 (RFC 8032 section 5.1, pure, no context), verification in pure Python.

Written from the RFC: the field, the curve, point decoding (5.1.3) and the verification
equation (5.1.7) with the cofactor, [8][S]B = [8]R + [8][k]A. Key derivation and signing (5.1.5,
5.1.6) are here only so the self-test can reproduce the RFC's test vectors byte for byte.
Not constant-time: it verifies public data only.
"""
import hashlib

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493  # the group order ("q" in some texts)
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)

# Points in extended coordinates (X, Y, Z, T): x = X/Z, y = Y/Z, x*y = T/Z.
IDENTITY = (0, 1, 1, 0)


def _add(p1, p2):
    a = (p1[1] - p1[0]) * (p2[1] - p2[0]) % P
    b = (p1[1] + p1[0]) * (p2[1] + p2[0]) % P
    c = 2 * p1[3] * p2[3] * D % P
    d = 2 * p1[2] * p2[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(scalar, point):
    result = IDENTITY
    while scalar > 0:
        if scalar & 1:
            result = _add(result, point)
        point = _add(point, point)
        scalar >>= 1
    return result


def _equal(p1, p2):
    return (p1[0] * p2[2] - p2[0] * p1[2]) % P == 0 and (p1[1] * p2[2] - p2[1] * p1[2]) % P == 0


def _recover_x(y, sign):
    """The x of a point with this y and the sign bit of x (RFC 8032 5.1.3), or None."""
    if y >= P:
        return None
    u, v = (y * y - 1) % P, (D * y * y + 1) % P
    x = u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P) % P
    if (v * x * x - u) % P != 0:
        if (v * x * x + u) % P != 0:
            return None
        x = x * SQRT_M1 % P
    if x == 0 and sign:
        return None
    if x & 1 != sign:
        x = P - x
    return x


def _decode_point(data):
    if len(data) != 32:
        return None
    y = int.from_bytes(data, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


def _encode_point(point):
    z_inv = pow(point[2], P - 2, P)
    x, y = point[0] * z_inv % P, point[1] * z_inv % P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


_BASE_Y = 4 * pow(5, P - 2, P) % P
BASE = (_recover_x(_BASE_Y, 0), _BASE_Y, 1, _recover_x(_BASE_Y, 0) * _BASE_Y % P)


def _hash_int(*parts):
    return int.from_bytes(hashlib.sha512(b"".join(parts)).digest(), "little")


def verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """RFC 8032 5.1.7: False for any malformed key or signature, never an exception."""
    if len(public_key) != 32 or len(signature) != 64:
        return False
    a = _decode_point(public_key)
    r = _decode_point(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    k = _hash_int(signature[:32], public_key, message) % L
    left = _mul(8, _mul(s, BASE))
    right = _mul(8, _add(r, _mul(k, a)))
    return _equal(left, right)


def _secret_scalar(secret: bytes):
    h = hashlib.sha512(secret).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, h[32:]


def public_key_of(secret: bytes) -> bytes:
    """RFC 8032 5.1.5 (for the self-test)."""
    return _encode_point(_mul(_secret_scalar(secret)[0], BASE))


def sign(secret: bytes, message: bytes) -> bytes:
    """RFC 8032 5.1.6 (for the self-test)."""
    a, prefix = _secret_scalar(secret)
    public = _encode_point(_mul(a, BASE))
    r = _hash_int(prefix, message) % L
    encoded_r = _encode_point(_mul(r, BASE))
    s = (r + _hash_int(encoded_r, public, message) * a) % L
    return encoded_r + s.to_bytes(32, "little")


# RFC 8032 section 7.1, TEST 1 to TEST 3: secret key, public key, message, signature (hex).
RFC8032_VECTORS = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
]


def self_test():
    """Derives, signs and verifies the RFC vectors; a changed byte must fail. Raises AssertionError."""
    for secret, public, message, signature in RFC8032_VECTORS:
        secret_b, public_b, message_b, signature_b = (bytes.fromhex(x) for x in (secret, public, message, signature))
        assert public_key_of(secret_b) == public_b, "RFC 8032 public key"
        assert sign(secret_b, message_b) == signature_b, "RFC 8032 signature"
        assert verify(public_b, message_b, signature_b), "RFC 8032 verification"
        assert not verify(public_b, message_b + b"x", signature_b), "a changed message must fail"
        bad = bytearray(signature_b)
        bad[63] ^= 0x10
        assert not verify(public_b, message_b, bytes(bad)), "a changed signature must fail"
        # S + L: the same S modulo L, refused (S must be below L).
        high = signature_b[:32] + (int.from_bytes(signature_b[32:], "little") + L).to_bytes(32, "little")
        assert not verify(public_b, message_b, high), "S >= L must fail"

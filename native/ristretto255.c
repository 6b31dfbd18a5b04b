/*
 * ristretto255 and SHA-512 from the system's native libsodium, for quietlist's OPRF (src/oprf/native/).
 *
 * Batch loops only: every function walks a batch of concatenated 32-byte elements / scalars (64-byte
 * wide values, or messages with end offsets) so that JavaScript crosses into C once per batch, not
 * once per element. No protocol logic lives here: RFC 9497 stays in TypeScript (src/oprf/group-backend.ts).
 *
 * Calling convention: the caller allocates `out`; a function returns -1 when every item succeeded, or
 * the index of the first item that failed (an element that does not decode, or an identity product).
 * Wrong argument types or sizes are programming errors and throw TypeError / RangeError.
 * `out` must not overlap an input.
 *
 * Plain N-API (version 8), so the binary is ABI-stable across Node versions. libsodium's prototypes are
 * declared here (the libsodium-dev headers are not needed); link with -l:libsodium.so.23.
 * Build: scripts/build-native.mjs.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ristretto255-msm.h"

/* libsodium >= 1.0.18 (the ristretto255 API appeared there). */
int sodium_init(void);
const char *sodium_version_string(void);
void sodium_memzero(void *pnt, size_t len);
size_t crypto_core_ristretto255_bytes(void);
size_t crypto_core_ristretto255_hashbytes(void);
size_t crypto_core_ristretto255_scalarbytes(void);
size_t crypto_core_ristretto255_nonreducedscalarbytes(void);
int crypto_hash_sha512(unsigned char *out, const unsigned char *in, unsigned long long inlen);
int crypto_scalarmult_ristretto255(unsigned char *q, const unsigned char *n, const unsigned char *p);
int crypto_scalarmult_ristretto255_base(unsigned char *q, const unsigned char *n);
int crypto_core_ristretto255_is_valid_point(const unsigned char *p);
int crypto_core_ristretto255_add(unsigned char *r, const unsigned char *p, const unsigned char *q);
int crypto_core_ristretto255_from_hash(unsigned char *p, const unsigned char *r);
void crypto_core_ristretto255_scalar_reduce(unsigned char *r, const unsigned char *s);
int crypto_core_ristretto255_scalar_invert(unsigned char *recip, const unsigned char *s);
void crypto_core_ristretto255_scalar_add(unsigned char *z, const unsigned char *x, const unsigned char *y);
void crypto_core_ristretto255_scalar_mul(unsigned char *z, const unsigned char *x, const unsigned char *y);
void crypto_core_ristretto255_scalar_sub(unsigned char *z, const unsigned char *x, const unsigned char *y);

#define BYTES 32
#define WIDE 64
#define MAX_ARGS 3
#define OK (-1)

/* One typed-array argument: its bytes (or Uint32 items) and its length in those units. */
typedef struct {
  unsigned char *bytes;
  size_t length;
} view;

/*
 * Reads `count` arguments as typed arrays; the last one is a Uint32Array when `last_is_u32`, every
 * other one a Uint8Array. Throws and returns 0 on a mismatch.
 */
static int get_views(napi_env env, napi_callback_info info, size_t count, int last_is_u32, view *views) {
  size_t argc = MAX_ARGS;
  napi_value argv[MAX_ARGS];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return 0;
  if (argc < count) {
    napi_throw_type_error(env, NULL, "ristretto255: missing arguments");
    return 0;
  }
  for (size_t i = 0; i < count; i++) {
    bool is_typed = false;
    napi_typedarray_type type;
    size_t length = 0;
    void *data = NULL;
    if (napi_is_typedarray(env, argv[i], &is_typed) != napi_ok || !is_typed ||
        napi_get_typedarray_info(env, argv[i], &type, &length, &data, NULL, NULL) != napi_ok) {
      napi_throw_type_error(env, NULL, "ristretto255: arguments must be typed arrays");
      return 0;
    }
    napi_typedarray_type expected = (last_is_u32 && i == count - 1) ? napi_uint32_array : napi_uint8_array;
    if (type != expected) {
      napi_throw_type_error(env, NULL, "ristretto255: wrong typed array type");
      return 0;
    }
    /* An empty (or detached) array may have no data pointer: never hand libsodium a NULL. */
    static unsigned char empty[1];
    views[i].bytes = data != NULL ? data : empty;
    views[i].length = data != NULL ? length : 0;
  }
  return 1;
}

static napi_value result(napi_env env, long index) {
  napi_value value;
  napi_create_int32(env, (int32_t)index, &value);
  return value;
}

static int range_error(napi_env env, const char *message) {
  napi_throw_range_error(env, NULL, message);
  return 0;
}

/* `length` is a whole number of `unit`-byte items, and that number is `*count` (or sets it). */
static int check_items(napi_env env, size_t length, size_t unit, size_t *count) {
  if (length % unit != 0) return range_error(env, "ristretto255: length is not a multiple of the item size");
  if (length / unit > INT32_MAX) return range_error(env, "ristretto255: batch too large");
  if (*count == (size_t)-1) *count = length / unit;
  else if (length / unit != *count) return range_error(env, "ristretto255: batch sizes differ");
  return 1;
}

/*
 * RFC 9496 §4.3.1 rejects an encoding with bit 255 set. libsodium 1.0.18 (Debian 12's libsodium23)
 * ignores that bit when decoding (later versions reject it), so every point from outside is checked
 * here first: all backends must reject the same bytes.
 */
static int top_bit_clear(const unsigned char *point) {
  return (point[BYTES - 1] & 0x80) == 0;
}

/* scalarmultMany(out, scalar, points): out[i] = scalar · points[i]. */
static napi_value scalarmult_many(napi_env env, napi_callback_info info) {
  view v[3];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 3, 0, v) || !check_items(env, v[2].length, BYTES, &n) ||
      !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  if (v[1].length != BYTES) return range_error(env, "ristretto255: scalar must be 32 bytes"), NULL;
  for (size_t i = 0; i < n; i++) {
    const unsigned char *point = v[2].bytes + i * BYTES;
    if (!top_bit_clear(point) || crypto_scalarmult_ristretto255(v[0].bytes + i * BYTES, v[1].bytes, point) != 0)
      return result(env, (long)i);
  }
  return result(env, OK);
}

/* scalarmultEach(out, scalars, points): out[i] = scalars[i] · points[i]. */
static napi_value scalarmult_each(napi_env env, napi_callback_info info) {
  view v[3];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 3, 0, v) || !check_items(env, v[2].length, BYTES, &n) ||
      !check_items(env, v[1].length, BYTES, &n) || !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  for (size_t i = 0; i < n; i++) {
    const unsigned char *point = v[2].bytes + i * BYTES;
    if (!top_bit_clear(point) ||
        crypto_scalarmult_ristretto255(v[0].bytes + i * BYTES, v[1].bytes + i * BYTES, point) != 0)
      return result(env, (long)i);
  }
  return result(env, OK);
}

/* scalarmultBaseEach(out, scalars): out[i] = scalars[i] · G; fails on a zero scalar. */
static napi_value scalarmult_base_each(napi_env env, napi_callback_info info) {
  view v[2];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 2, 0, v) || !check_items(env, v[1].length, BYTES, &n) ||
      !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  for (size_t i = 0; i < n; i++) {
    if (crypto_scalarmult_ristretto255_base(v[0].bytes + i * BYTES, v[1].bytes + i * BYTES) != 0)
      return result(env, (long)i);
  }
  return result(env, OK);
}

/*
 * scalarmultSum(out, scalars, points): out = Σ scalars[i] · points[i] (32 zero bytes, the identity's
 * encoding, for an empty or vanishing sum). Fails only on a point that does not decode; an identity
 * product (zero scalar, identity point) is an identity term and is skipped. VARIABLE TIME: for public
 * operands only (the proof's composites and checks). Where the compiler has 128-bit integers, a
 * multi-scalar multiplication (ristretto255-msm.c); elsewhere one libsodium multiplication and one
 * addition per term.
 */
static napi_value scalarmult_sum(napi_env env, napi_callback_info info) {
  view v[3];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 3, 0, v) || !check_items(env, v[2].length, BYTES, &n) ||
      !check_items(env, v[1].length, BYTES, &n))
    return NULL;
  if (v[0].length != BYTES) return range_error(env, "ristretto255: sum output must be 32 bytes"), NULL;
#ifdef __SIZEOF_INT128__
  unsigned char sum[BYTES];
  long status = ristretto255_msm_vartime(sum, v[1].bytes, v[2].bytes, n);
  if (status == RISTRETTO255_MSM_NO_MEMORY) {
    napi_throw_error(env, NULL, "ristretto255: out of memory");
    return NULL;
  }
  if (status == OK) memcpy(v[0].bytes, sum, BYTES);
  return result(env, status);
#else
  unsigned char acc[BYTES];
  unsigned char term[BYTES];
  int have = 0;
  long failed = OK;
  for (size_t i = 0; i < n && failed == OK; i++) {
    const unsigned char *point = v[2].bytes + i * BYTES;
    if (!top_bit_clear(point)) {
      failed = (long)i;
      continue;
    }
    if (crypto_scalarmult_ristretto255(term, v[1].bytes + i * BYTES, point) != 0) {
      if (crypto_core_ristretto255_is_valid_point(point) != 1) failed = (long)i;
      continue;
    }
    if (!have) {
      memcpy(acc, term, BYTES);
      have = 1;
    } else if (crypto_core_ristretto255_add(acc, acc, term) != 0) {
      failed = (long)i; /* unreachable: both operands are libsodium's own encodings */
    }
  }
  if (failed == OK) {
    if (have) memcpy(v[0].bytes, acc, BYTES);
    else memset(v[0].bytes, 0, BYTES);
  }
  sodium_memzero(acc, BYTES);
  sodium_memzero(term, BYTES);
  return result(env, failed);
#endif
}

/* addEach(out, a, b): out[i] = a[i] + b[i]. */
static napi_value add_each(napi_env env, napi_callback_info info) {
  view v[3];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 3, 0, v) || !check_items(env, v[2].length, BYTES, &n) ||
      !check_items(env, v[1].length, BYTES, &n) || !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  for (size_t i = 0; i < n; i++) {
    const unsigned char *a = v[1].bytes + i * BYTES;
    const unsigned char *b = v[2].bytes + i * BYTES;
    if (!top_bit_clear(a) || !top_bit_clear(b) || crypto_core_ristretto255_add(v[0].bytes + i * BYTES, a, b) != 0)
      return result(env, (long)i);
  }
  return result(env, OK);
}

/* validateMany(points): the index of the first point that is not a canonical encoding or is the identity. */
static napi_value validate_many(napi_env env, napi_callback_info info) {
  view v[1];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 1, 0, v) || !check_items(env, v[0].length, BYTES, &n)) return NULL;
  for (size_t i = 0; i < n; i++) {
    const unsigned char *point = v[0].bytes + i * BYTES;
    unsigned char bits = 0;
    for (size_t j = 0; j < BYTES; j++) bits |= point[j];
    if (bits == 0 || !top_bit_clear(point) || crypto_core_ristretto255_is_valid_point(point) != 1)
      return result(env, (long)i);
  }
  return result(env, OK);
}

/* fromHashMany(out, hashes): out[i] = the ristretto255 map of 64 uniform bytes (RFC 9380 Appendix B). */
static napi_value from_hash_many(napi_env env, napi_callback_info info) {
  view v[2];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 2, 0, v) || !check_items(env, v[1].length, WIDE, &n) ||
      !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  for (size_t i = 0; i < n; i++) crypto_core_ristretto255_from_hash(v[0].bytes + i * BYTES, v[1].bytes + i * WIDE);
  return result(env, OK);
}

/* scalarReduceMany(out, wides): out[i] = wides[i] (64 bytes, little-endian) mod ℓ. */
static napi_value scalar_reduce_many(napi_env env, napi_callback_info info) {
  view v[2];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 2, 0, v) || !check_items(env, v[1].length, WIDE, &n) ||
      !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  for (size_t i = 0; i < n; i++) crypto_core_ristretto255_scalar_reduce(v[0].bytes + i * BYTES, v[1].bytes + i * WIDE);
  return result(env, OK);
}

/* scalarAddEach(out, a, b): out[i] = a[i] + b[i] mod ℓ. */
static napi_value scalar_add_each(napi_env env, napi_callback_info info) {
  view v[3];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 3, 0, v) || !check_items(env, v[2].length, BYTES, &n) ||
      !check_items(env, v[1].length, BYTES, &n) || !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  for (size_t i = 0; i < n; i++)
    crypto_core_ristretto255_scalar_add(v[0].bytes + i * BYTES, v[1].bytes + i * BYTES, v[2].bytes + i * BYTES);
  return result(env, OK);
}

/* scalarMulEach(out, a, b): out[i] = a[i] · b[i] mod ℓ. */
static napi_value scalar_mul_each(napi_env env, napi_callback_info info) {
  view v[3];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 3, 0, v) || !check_items(env, v[2].length, BYTES, &n) ||
      !check_items(env, v[1].length, BYTES, &n) || !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  for (size_t i = 0; i < n; i++)
    crypto_core_ristretto255_scalar_mul(v[0].bytes + i * BYTES, v[1].bytes + i * BYTES, v[2].bytes + i * BYTES);
  return result(env, OK);
}

/* scalarSubEach(out, a, b): out[i] = a[i] − b[i] mod ℓ. */
static napi_value scalar_sub_each(napi_env env, napi_callback_info info) {
  view v[3];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 3, 0, v) || !check_items(env, v[2].length, BYTES, &n) ||
      !check_items(env, v[1].length, BYTES, &n) || !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  for (size_t i = 0; i < n; i++)
    crypto_core_ristretto255_scalar_sub(v[0].bytes + i * BYTES, v[1].bytes + i * BYTES, v[2].bytes + i * BYTES);
  return result(env, OK);
}

static int is_zero(const unsigned char *bytes) {
  unsigned char bits = 0;
  for (size_t j = 0; j < BYTES; j++) bits |= bytes[j];
  return bits == 0;
}

/*
 * scalarInvertMany(out, scalars): out[i] = 1 / scalars[i] mod ℓ, by Montgomery's trick (one inversion
 * and 3(n − 1) multiplications). Fails on a zero scalar. The scalars are secret (blinds): every
 * intermediate is wiped.
 */
static napi_value scalar_invert_many(napi_env env, napi_callback_info info) {
  view v[2];
  size_t n = (size_t)-1;
  if (!get_views(env, info, 2, 0, v) || !check_items(env, v[1].length, BYTES, &n) ||
      !check_items(env, v[0].length, BYTES, &n))
    return NULL;
  if (n == 0) return result(env, OK);
  const unsigned char *scalars = v[1].bytes;
  unsigned char *out = v[0].bytes;
  for (size_t i = 0; i < n; i++)
    if (is_zero(scalars + i * BYTES)) return result(env, (long)i);
  unsigned char *prefix = malloc(n * BYTES);
  if (prefix == NULL) {
    napi_throw_error(env, NULL, "ristretto255: out of memory");
    return NULL;
  }
  unsigned char inverse[BYTES];
  unsigned char next[BYTES];
  memcpy(prefix, scalars, BYTES);
  for (size_t i = 1; i < n; i++)
    crypto_core_ristretto255_scalar_mul(prefix + i * BYTES, prefix + (i - 1) * BYTES, scalars + i * BYTES);
  long failed = OK;
  if (crypto_core_ristretto255_scalar_invert(inverse, prefix + (n - 1) * BYTES) != 0) {
    failed = 0; /* unreachable: ℓ is prime and no factor is zero */
  } else {
    for (size_t i = n - 1; i > 0; i--) {
      crypto_core_ristretto255_scalar_mul(next, inverse, scalars + i * BYTES);
      crypto_core_ristretto255_scalar_mul(out + i * BYTES, inverse, prefix + (i - 1) * BYTES);
      memcpy(inverse, next, BYTES);
    }
    memcpy(out, inverse, BYTES);
  }
  sodium_memzero(prefix, n * BYTES);
  sodium_memzero(inverse, BYTES);
  sodium_memzero(next, BYTES);
  free(prefix);
  return result(env, failed);
}

/* sha512Many(out, messages, ends): out[i] = SHA-512(messages[ends[i − 1] .. ends[i]]), ends[−1] = 0. */
static napi_value sha512_many(napi_env env, napi_callback_info info) {
  view v[3];
  if (!get_views(env, info, 3, 1, v)) return NULL;
  size_t n = v[2].length;
  if (v[0].length != n * WIDE) return range_error(env, "ristretto255: sha512 output size"), NULL;
  const uint32_t *ends = (const uint32_t *)v[2].bytes;
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    size_t end = ends[i];
    if (end < start || end > v[1].length) return range_error(env, "ristretto255: bad message end"), NULL;
    crypto_hash_sha512(v[0].bytes + i * WIDE, v[1].bytes + start, end - start);
    start = end;
  }
  return result(env, OK);
}

NAPI_MODULE_INIT() {
  if (sodium_init() < 0) {
    napi_throw_error(env, NULL, "ristretto255: sodium_init failed");
    return NULL;
  }
  /* Guards against a libsodium whose sizes differ from the prototypes above. */
  if (crypto_core_ristretto255_bytes() != BYTES || crypto_core_ristretto255_scalarbytes() != BYTES ||
      crypto_core_ristretto255_hashbytes() != WIDE || crypto_core_ristretto255_nonreducedscalarbytes() != WIDE) {
    napi_throw_error(env, NULL, "ristretto255: unexpected libsodium sizes");
    return NULL;
  }
  static const struct {
    const char *name;
    napi_callback callback;
  } functions[] = {
      {"scalarmultMany", scalarmult_many},
      {"scalarmultEach", scalarmult_each},
      {"scalarmultBaseEach", scalarmult_base_each},
      {"scalarmultSum", scalarmult_sum},
      {"addEach", add_each},
      {"validateMany", validate_many},
      {"fromHashMany", from_hash_many},
      {"scalarReduceMany", scalar_reduce_many},
      {"scalarAddEach", scalar_add_each},
      {"scalarMulEach", scalar_mul_each},
      {"scalarSubEach", scalar_sub_each},
      {"scalarInvertMany", scalar_invert_many},
      {"sha512Many", sha512_many},
  };
  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
    napi_value fn;
    if (napi_create_function(env, functions[i].name, NAPI_AUTO_LENGTH, functions[i].callback, NULL, &fn) != napi_ok ||
        napi_set_named_property(env, exports, functions[i].name, fn) != napi_ok)
      return NULL;
  }
  napi_value version;
  if (napi_create_string_utf8(env, sodium_version_string(), NAPI_AUTO_LENGTH, &version) != napi_ok ||
      napi_set_named_property(env, exports, "sodiumVersion", version) != napi_ok)
    return NULL;
  return exports;
}

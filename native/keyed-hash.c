/*
 * HMAC-SHA-256 in batches, for the builder's keyed hash (src/builder/hashing/native-hmac.ts).
 *
 * Why native: OpenSSL's SHA-256 uses the CPU's SHA extensions (SHA-NI on x86, the ARMv8 crypto
 * extensions), about 130 ns per HMAC of an E.164 string through EVP against about 800 ns for the
 * JavaScript one (src/core/digest/short-hmac.ts, which stays the fallback and the reference the tests
 * compare this with). One call hashes a whole batch, so JavaScript crosses into C once per batch.
 *
 * No OpenSSL headers and no libcrypto link: every Node build carries OpenSSL and exports its symbols
 * (addons are meant to use them), so the EVP functions below bind to the running Node's own OpenSSL.
 * They are opaque-pointer functions of the stable EVP API (no struct layout is assumed). The addon is
 * linked with -z now, so a Node without them fails to load it (quietlist then uses JavaScript) instead
 * of failing on the first call. Build: scripts/build-native.mjs.
 *
 * hmacSha256Many(out, key, messages, ends): out[32·i ..] = HMAC-SHA-256(key, messages[ends[i−1] .. ends[i]]),
 * ends[−1] = 0. Returns -1 when every item succeeded, or the index of the item OpenSSL failed on.
 * Wrong argument types or sizes throw TypeError / RangeError. Keys are at most one block (64 bytes).
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct evp_md_ctx_st EVP_MD_CTX;
typedef struct evp_md_st EVP_MD;
typedef struct engine_st ENGINE;
EVP_MD_CTX *EVP_MD_CTX_new(void);
void EVP_MD_CTX_free(EVP_MD_CTX *ctx);
const EVP_MD *EVP_sha256(void);
int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl);
int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *data, size_t count);
int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *size);
int EVP_MD_CTX_copy_ex(EVP_MD_CTX *out, const EVP_MD_CTX *in);
const char *OpenSSL_version(int type);
void OPENSSL_cleanse(void *ptr, size_t len);

#define DIGEST 32
#define BLOCK 64
#define OK (-1)

typedef struct {
  unsigned char *bytes;
  size_t length;
} view;

static int fail(napi_env env, int range, const char *message) {
  if (range) napi_throw_range_error(env, NULL, message);
  else napi_throw_type_error(env, NULL, message);
  return 0;
}

/* Argument i as a typed array of the expected type; an empty one may have no data pointer. */
static int get_view(napi_env env, napi_value value, napi_typedarray_type expected, view *out) {
  static unsigned char empty[1];
  bool is_typed = false;
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL) != napi_ok)
    return fail(env, 0, "keyed-hash: arguments must be typed arrays");
  if (type != expected) return fail(env, 0, "keyed-hash: wrong typed array type");
  out->bytes = data != NULL ? data : empty;
  out->length = data != NULL ? length : 0;
  return 1;
}

/* A context holding SHA-256 after one key block xor'ed with `pad` (0x36 inner, 0x5c outer). */
static EVP_MD_CTX *pad_context(const unsigned char *key, size_t key_length, unsigned char pad) {
  unsigned char block[BLOCK];
  memset(block, pad, BLOCK);
  for (size_t i = 0; i < key_length; i++) block[i] = key[i] ^ pad;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  int ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 && EVP_DigestUpdate(ctx, block, BLOCK) == 1;
  OPENSSL_cleanse(block, BLOCK);
  if (!ok && ctx != NULL) {
    EVP_MD_CTX_free(ctx);
    ctx = NULL;
  }
  return ctx;
}

static napi_value hmac_sha256_many(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  view out, key, messages, ends_view;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 4) return fail(env, 0, "keyed-hash: missing arguments"), NULL;
  if (!get_view(env, argv[0], napi_uint8_array, &out) || !get_view(env, argv[1], napi_uint8_array, &key) ||
      !get_view(env, argv[2], napi_uint8_array, &messages) || !get_view(env, argv[3], napi_uint32_array, &ends_view))
    return NULL;
  size_t n = ends_view.length;
  if (key.length > BLOCK) return fail(env, 1, "keyed-hash: keys are at most 64 bytes"), NULL;
  if (n > INT32_MAX || out.length < n * DIGEST) return fail(env, 1, "keyed-hash: output too small"), NULL;
  const uint32_t *ends = (const uint32_t *)ends_view.bytes;
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    if (ends[i] < start || ends[i] > messages.length) return fail(env, 1, "keyed-hash: bad message end"), NULL;
    start = ends[i];
  }

  EVP_MD_CTX *inner = pad_context(key.bytes, key.length, 0x36);
  EVP_MD_CTX *outer = pad_context(key.bytes, key.length, 0x5c);
  EVP_MD_CTX *work = EVP_MD_CTX_new();
  long failed = (inner == NULL || outer == NULL || work == NULL) ? 0 : OK;
  unsigned char middle[DIGEST];
  unsigned int size = 0;
  start = 0;
  for (size_t i = 0; failed == OK && i < n; i++) {
    unsigned char *digest = out.bytes + i * DIGEST;
    if (EVP_MD_CTX_copy_ex(work, inner) != 1 || EVP_DigestUpdate(work, messages.bytes + start, ends[i] - start) != 1 ||
        EVP_DigestFinal_ex(work, middle, &size) != 1 || EVP_MD_CTX_copy_ex(work, outer) != 1 ||
        EVP_DigestUpdate(work, middle, DIGEST) != 1 || EVP_DigestFinal_ex(work, digest, &size) != 1)
      failed = (long)i;
    start = ends[i];
  }
  OPENSSL_cleanse(middle, DIGEST);
  /* Freeing an EVP context cleanses it, the key-derived pad states included. */
  EVP_MD_CTX_free(work);
  EVP_MD_CTX_free(outer);
  EVP_MD_CTX_free(inner);
  napi_value value;
  napi_create_int32(env, (int32_t)failed, &value);
  return value;
}

NAPI_MODULE_INIT() {
  napi_value fn, version;
  if (napi_create_function(env, "hmacSha256Many", NAPI_AUTO_LENGTH, hmac_sha256_many, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "hmacSha256Many", fn) != napi_ok)
    return NULL;
  /* OPENSSL_VERSION (0): "OpenSSL 3.0.13 30 Jan 2024", the library the running Node carries. */
  if (napi_create_string_utf8(env, OpenSSL_version(0), NAPI_AUTO_LENGTH, &version) != napi_ok ||
      napi_set_named_property(env, exports, "opensslVersion", version) != napi_ok)
    return NULL;
  return exports;
}

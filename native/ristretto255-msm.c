/*
 * A variable-time multi-scalar multiplication on ristretto255 (Pippenger's bucket method with signed
 * digits), for the OPRF's proof composites: M = Σ dᵢ·Cᵢ and Z = Σ dᵢ·Dᵢ (RFC 9497 §2.2.1) and the
 * verifier's s·G + c·B. Every operand there is public (the dᵢ are hashes of the transcript, the
 * elements travel in clear), so the running time may depend on them; multiplications by a secret
 * (keys, blinds) stay with libsodium's constant-time code.
 *
 * libsodium exposes no group arithmetic below encoded elements (each addition decodes and re-encodes,
 * two inverse square roots), so this file carries its own: GF(2^255 − 19) (field25519.h), extended
 * twisted Edwards coordinates (Hisil–Wong–Carter–Dawson formulas, complete for edwards25519), and the
 * ristretto255 decoding and encoding of RFC 9496 §4.3.
 * It is checked against libsodium and @noble/curves by test/unit/oprf/native-addon.test.ts.
 */
#include "ristretto255-msm.h"

#ifdef __SIZEOF_INT128__

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "field25519.h"

/* Extended coordinates: x = X/Z, y = Y/Z, x·y = T/Z. */
typedef struct {
  fe X, Y, Z, T;
} ge;
/* An addend prepared for additions: (Y + X, Y − X, 2d·T, 2Z). */
typedef struct {
  fe YplusX, YminusX, T2d, Z2;
} ge_cached;

/* RFC 9496 §4.1 constants, in limbs: d, 2d, 1/sqrt(a − d) (sqrt(−1) is in field25519.h). */
static const fe FE_D2 = {{0x69b9426b2f159ULL, 0x35050762add7aULL, 0x3cf44c0038052ULL, 0x6738cc7407977ULL, 0x2406d9dc56dffULL}};
static const fe FE_D = {{0x34dca135978a3ULL, 0x1a8283b156ebdULL, 0x5e7a26001c029ULL, 0x739c663a03cbbULL, 0x52036cee2b6ffULL}};
static const fe FE_INVSQRT_A_MINUS_D = {{0xfdaa805d40eaULL, 0x2eb482e57d339ULL, 0x7610274bc58ULL, 0x6510b613dc8ffULL, 0x786c8905cfaffULL}};

/* RFC 9496 §4.3.1; 0 for an encoding that is not canonical or not of a group element. */
static int ge_decode(ge *p, const unsigned char s_bytes[32]) {
  if (s_bytes[31] & 0x80) return 0;
  fe s, ss, u1, u2, u2_sqr, v, invsqrt, den_x, den_y, t;
  unsigned char again[32];
  fe_frombytes(&s, s_bytes);
  fe_tobytes(again, &s);
  if (memcmp(again, s_bytes, 32) != 0 || (s_bytes[0] & 1)) return 0;
  fe_sq(&ss, &s);
  fe_sub(&u1, &FE_ONE, &ss);
  fe_add(&u2, &FE_ONE, &ss);
  fe_sq(&u2_sqr, &u2);
  fe_sq(&t, &u1);
  fe_mul(&t, &t, &FE_D);
  fe_neg(&t, &t);
  fe_sub(&v, &t, &u2_sqr);
  fe_mul(&t, &v, &u2_sqr);
  const int was_square = fe_sqrt_ratio_m1(&invsqrt, &FE_ONE, &t);
  fe_mul(&den_x, &invsqrt, &u2);
  fe_mul(&den_y, &invsqrt, &den_x);
  fe_mul(&den_y, &den_y, &v);
  fe_add(&t, &s, &s);
  fe_mul(&t, &t, &den_x);
  fe_abs(&p->X, &t);
  fe_mul(&p->Y, &u1, &den_y);
  p->Z = FE_ONE;
  fe_mul(&p->T, &p->X, &p->Y);
  return was_square && !fe_is_negative(&p->T) && !fe_is_zero(&p->Y);
}

/* RFC 9496 §4.3.2. */
static void ge_encode(unsigned char s_bytes[32], const ge *p) {
  fe u1, u2, t, invsqrt, den1, den2, z_inv, ix, iy, enchanted, x, y, den_inv, s;
  fe_add(&u1, &p->Z, &p->Y);
  fe_sub(&t, &p->Z, &p->Y);
  fe_mul(&u1, &u1, &t);
  fe_mul(&u2, &p->X, &p->Y);
  fe_sq(&t, &u2);
  fe_mul(&t, &t, &u1);
  fe_sqrt_ratio_m1(&invsqrt, &FE_ONE, &t);
  fe_mul(&den1, &invsqrt, &u1);
  fe_mul(&den2, &invsqrt, &u2);
  fe_mul(&z_inv, &den1, &den2);
  fe_mul(&z_inv, &z_inv, &p->T);
  fe_mul(&ix, &p->X, &FE_SQRT_M1);
  fe_mul(&iy, &p->Y, &FE_SQRT_M1);
  fe_mul(&enchanted, &den1, &FE_INVSQRT_A_MINUS_D);
  fe_mul(&t, &p->T, &z_inv);
  if (fe_is_negative(&t)) {
    x = iy;
    y = ix;
    den_inv = enchanted;
  } else {
    x = p->X;
    y = p->Y;
    den_inv = den2;
  }
  fe_mul(&t, &x, &z_inv);
  if (fe_is_negative(&t)) fe_neg(&y, &y);
  fe_sub(&s, &p->Z, &y);
  fe_mul(&s, &s, &den_inv);
  fe_abs(&s, &s);
  fe_tobytes(s_bytes, &s);
}

static void ge_identity(ge *p) {
  p->X = FE_ZERO;
  p->Y = FE_ONE;
  p->Z = FE_ONE;
  p->T = FE_ZERO;
}

static void ge_to_cached(ge_cached *c, const ge *p) {
  fe_add(&c->YplusX, &p->Y, &p->X);
  fe_sub(&c->YminusX, &p->Y, &p->X);
  fe_mul(&c->T2d, &p->T, &FE_D2);
  fe_add(&c->Z2, &p->Z, &p->Z);
}

/* r = p + q (add-2008-hwcd-3, a = −1), or p − q when `negate`: −(x, y) = (−x, y). */
static void ge_add_cached(ge *r, const ge *p, const ge_cached *q, int negate) {
  fe a, b, c, d, e, f, g, h;
  fe_sub(&a, &p->Y, &p->X);
  fe_mul(&a, &a, negate ? &q->YplusX : &q->YminusX);
  fe_add(&b, &p->Y, &p->X);
  fe_mul(&b, &b, negate ? &q->YminusX : &q->YplusX);
  fe_mul(&c, &p->T, &q->T2d);
  if (negate) fe_neg(&c, &c);
  fe_mul(&d, &p->Z, &q->Z2);
  fe_sub(&e, &b, &a);
  fe_sub(&f, &d, &c);
  fe_add(&g, &d, &c);
  fe_add(&h, &b, &a);
  fe_mul(&r->X, &e, &f);
  fe_mul(&r->Y, &g, &h);
  fe_mul(&r->T, &e, &h);
  fe_mul(&r->Z, &f, &g);
}

static void ge_add(ge *r, const ge *p, const ge *q) {
  ge_cached c;
  ge_to_cached(&c, q);
  ge_add_cached(r, p, &c, 0);
}

/* r = 2p (dbl-2008-hwcd, a = −1). */
static void ge_double(ge *r, const ge *p) {
  fe a, b, c, e, g, f, h, t;
  fe_sq(&a, &p->X);
  fe_sq(&b, &p->Y);
  fe_sq(&c, &p->Z);
  fe_add(&c, &c, &c);
  fe_add(&t, &p->X, &p->Y);
  fe_sq(&e, &t);
  fe_sub(&e, &e, &a);
  fe_sub(&e, &e, &b);
  fe_sub(&g, &b, &a);
  fe_sub(&f, &g, &c);
  fe_add(&h, &a, &b);
  fe_neg(&h, &h);
  fe_mul(&r->X, &e, &f);
  fe_mul(&r->Y, &g, &h);
  fe_mul(&r->T, &e, &h);
  fe_mul(&r->Z, &f, &g);
}

/* The window width that minimises windows × (one addition per term + two per bucket). */
static int window_bits(size_t n) {
  int best = 1;
  double best_cost = -1;
  for (int c = 1; c <= 12; c++) {
    const double windows = 256.0 / c + 1;
    const double cost = windows * ((double)n + 2.0 * (double)(1u << (c - 1)));
    if (best_cost < 0 || cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  return best;
}

/* The signed radix-2^c digits of a 256-bit little-endian scalar (bit 255 cleared, as libsodium does). */
static void signed_digits(int16_t *digits, int windows, int c, const unsigned char scalar[32]) {
  unsigned char k[32];
  memcpy(k, scalar, 32);
  k[31] &= 0x7f;
  const int half = 1 << (c - 1);
  int carry = 0;
  for (int w = 0; w < windows; w++) {
    int value = carry;
    for (int b = 0; b < c; b++) {
      const int bit = w * c + b;
      if (bit < 256) value += ((k[bit >> 3] >> (bit & 7)) & 1) << b;
    }
    carry = value >= half;
    digits[w] = (int16_t)(carry ? value - (1 << c) : value);
  }
}

long ristretto255_msm_vartime(unsigned char out[32], const unsigned char *scalars, const unsigned char *points,
                              size_t n) {
  const int c = window_bits(n);
  const int windows = 256 / c + 2;
  const size_t bucket_count = (size_t)1 << (c - 1);
  ge_cached *addends = malloc((n ? n : 1) * sizeof *addends);
  int16_t *digits = malloc((n ? n : 1) * (size_t)windows * sizeof *digits);
  ge *buckets = malloc(bucket_count * sizeof *buckets);
  unsigned char *filled = malloc(bucket_count);
  long status = RISTRETTO255_MSM_OK;
  if (addends == NULL || digits == NULL || buckets == NULL || filled == NULL) {
    status = RISTRETTO255_MSM_NO_MEMORY;
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    ge p;
    if (!ge_decode(&p, points + 32 * i)) {
      status = (long)i;
      goto done;
    }
    ge_to_cached(&addends[i], &p);
    signed_digits(digits + i * (size_t)windows, windows, c, scalars + 32 * i);
  }
  ge acc;
  ge_identity(&acc);
  for (int w = windows - 1; w >= 0; w--) {
    for (int b = 0; b < c; b++) ge_double(&acc, &acc);
    memset(filled, 0, bucket_count);
    for (size_t i = 0; i < n; i++) {
      const int digit = digits[i * (size_t)windows + (size_t)w];
      if (digit == 0) continue;
      const size_t slot = (size_t)(digit > 0 ? digit : -digit) - 1;
      if (!filled[slot]) {
        ge_identity(&buckets[slot]);
        filled[slot] = 1;
      }
      ge_add_cached(&buckets[slot], &buckets[slot], &addends[i], digit < 0);
    }
    /* Σ (j + 1)·bucket[j] as a running sum from the top bucket down. */
    ge running, sum;
    ge_identity(&running);
    ge_identity(&sum);
    int any = 0;
    for (size_t j = bucket_count; j-- > 0;) {
      if (filled[j]) {
        ge_add(&running, &running, &buckets[j]);
        any = 1;
      }
      if (any) ge_add(&sum, &sum, &running);
    }
    if (any) ge_add(&acc, &acc, &sum);
  }
  ge_encode(out, &acc);
done:
  free(addends);
  free(digits);
  free(buckets);
  free(filled);
  return status;
}

#endif

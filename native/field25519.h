/*
 * GF(2^255 − 19) for native/ristretto255-msm.c: five 51-bit limbs, products in unsigned __int128,
 * limbs kept below 2^51 + 2^8 after every operation so that no product can overflow. Variable time
 * where it says so (equality, sign, absolute value go through the canonical encoding): the file that
 * includes it works on public values only. Included by ristretto255-msm.c alone (static functions).
 */
#ifndef QUIETLIST_FIELD25519_H
#define QUIETLIST_FIELD25519_H

#include <stdint.h>
#include <string.h>

typedef unsigned __int128 u128;
typedef struct {
  uint64_t v[5];
} fe;
#define MASK51 ((uint64_t)0x7ffffffffffff)

/* sqrt(−1), the non-negative root (RFC 9496 §4.1). */
static const fe FE_SQRT_M1 = {{0x61b274a0ea0b0ULL, 0xd5a5fc8f189dULL, 0x7ef5e9cbd0c60ULL, 0x78595a6804c9eULL, 0x2b8324804fc1dULL}};
static const fe FE_ONE = {{1, 0, 0, 0, 0}};
static const fe FE_ZERO = {{0, 0, 0, 0, 0}};

/* Limbs below 2^51 + 2^8 after every operation, so products stay far below 2^128. */
static void fe_carry(fe *h) {
  uint64_t c;
  c = h->v[0] >> 51; h->v[0] &= MASK51; h->v[1] += c;
  c = h->v[1] >> 51; h->v[1] &= MASK51; h->v[2] += c;
  c = h->v[2] >> 51; h->v[2] &= MASK51; h->v[3] += c;
  c = h->v[3] >> 51; h->v[3] &= MASK51; h->v[4] += c;
  c = h->v[4] >> 51; h->v[4] &= MASK51; h->v[0] += 19 * c;
}

static void fe_add(fe *h, const fe *f, const fe *g) {
  for (int i = 0; i < 5; i++) h->v[i] = f->v[i] + g->v[i];
  fe_carry(h);
}

/* f − g + 4p, limb by limb (4p's limbs exceed any carried limb of g). */
static void fe_sub(fe *h, const fe *f, const fe *g) {
  h->v[0] = f->v[0] + 0x1fffffffffffb4ULL - g->v[0];
  for (int i = 1; i < 5; i++) h->v[i] = f->v[i] + 0x1ffffffffffffcULL - g->v[i];
  fe_carry(h);
}

static void fe_neg(fe *h, const fe *f) { fe_sub(h, &FE_ZERO, f); }

static void fe_reduce_product(fe *h, u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
  uint64_t c;
  r1 += (uint64_t)(r0 >> 51);
  r2 += (uint64_t)(r1 >> 51);
  r3 += (uint64_t)(r2 >> 51);
  r4 += (uint64_t)(r3 >> 51);
  c = (uint64_t)(r4 >> 51);
  h->v[0] = ((uint64_t)r0 & MASK51) + 19 * c;
  h->v[1] = (uint64_t)r1 & MASK51;
  h->v[2] = (uint64_t)r2 & MASK51;
  h->v[3] = (uint64_t)r3 & MASK51;
  h->v[4] = (uint64_t)r4 & MASK51;
  c = h->v[0] >> 51;
  h->v[0] &= MASK51;
  h->v[1] += c;
}

static void fe_mul(fe *h, const fe *f, const fe *g) {
  const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
  const uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
  const uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  u128 r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
  u128 r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
  u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
  u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
  u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
  fe_reduce_product(h, r0, r1, r2, r3, r4);
}

static void fe_sq(fe *h, const fe *f) {
  const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
  const uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f3_19 = 19 * f3, f4_19 = 19 * f4;
  u128 r0 = (u128)f0 * f0 + (u128)f1_2 * f4_19 + (u128)(2 * f2) * f3_19;
  u128 r1 = (u128)f0_2 * f1 + (u128)(2 * f2) * f4_19 + (u128)f3 * f3_19;
  u128 r2 = (u128)f0_2 * f2 + (u128)f1 * f1 + (u128)(2 * f3) * f4_19;
  u128 r3 = (u128)f0_2 * f3 + (u128)f1_2 * f2 + (u128)f4 * f4_19;
  u128 r4 = (u128)f0_2 * f4 + (u128)f1_2 * f3 + (u128)f2 * f2;
  fe_reduce_product(h, r0, r1, r2, r3, r4);
}

static void fe_sq_times(fe *h, const fe *f, int times) {
  fe_sq(h, f);
  for (int i = 1; i < times; i++) fe_sq(h, h);
}

static uint64_t load64(const unsigned char *s) {
  uint64_t x = 0;
  for (int i = 7; i >= 0; i--) x = (x << 8) | s[i];
  return x;
}

/* The low 255 bits of 32 little-endian bytes (the caller checks bit 255 and canonicity). */
static void fe_frombytes(fe *h, const unsigned char s[32]) {
  h->v[0] = load64(s) & MASK51;
  h->v[1] = (load64(s + 6) >> 3) & MASK51;
  h->v[2] = (load64(s + 12) >> 6) & MASK51;
  h->v[3] = (load64(s + 19) >> 1) & MASK51;
  h->v[4] = (load64(s + 24) >> 12) & MASK51;
}

static void fe_carry_full(uint64_t t[5]) {
  t[1] += t[0] >> 51; t[0] &= MASK51;
  t[2] += t[1] >> 51; t[1] &= MASK51;
  t[3] += t[2] >> 51; t[2] &= MASK51;
  t[4] += t[3] >> 51; t[3] &= MASK51;
  t[0] += 19 * (t[4] >> 51); t[4] &= MASK51;
}

/* The canonical encoding: the unique representative below p, little-endian. */
static void fe_tobytes(unsigned char s[32], const fe *f) {
  uint64_t t[5];
  memcpy(t, f->v, sizeof t);
  fe_carry_full(t);
  fe_carry_full(t);
  /* 0 ≤ t < 2^255; add 19 so that t ≥ p shows as a carry out of bit 255, then take it back. */
  t[0] += 19;
  fe_carry_full(t);
  t[0] += (MASK51 + 1) - 19;
  for (int i = 1; i < 5; i++) t[i] += (MASK51 + 1) - 1;
  t[1] += t[0] >> 51; t[0] &= MASK51;
  t[2] += t[1] >> 51; t[1] &= MASK51;
  t[3] += t[2] >> 51; t[2] &= MASK51;
  t[4] += t[3] >> 51; t[3] &= MASK51;
  t[4] &= MASK51;
  const uint64_t words[4] = {t[0] | (t[1] << 51), (t[1] >> 13) | (t[2] << 38), (t[2] >> 26) | (t[3] << 25),
                             (t[3] >> 39) | (t[4] << 12)};
  for (int w = 0; w < 4; w++)
    for (int b = 0; b < 8; b++) s[8 * w + b] = (unsigned char)(words[w] >> (8 * b));
}

static int fe_is_negative(const fe *f) {
  unsigned char s[32];
  fe_tobytes(s, f);
  return s[0] & 1;
}

static int fe_is_zero(const fe *f) {
  unsigned char s[32];
  fe_tobytes(s, f);
  unsigned char bits = 0;
  for (int i = 0; i < 32; i++) bits |= s[i];
  return bits == 0;
}

static int fe_equal(const fe *f, const fe *g) {
  unsigned char a[32], b[32];
  fe_tobytes(a, f);
  fe_tobytes(b, g);
  return memcmp(a, b, 32) == 0;
}

static void fe_abs(fe *h, const fe *f) {
  if (fe_is_negative(f)) fe_neg(h, f);
  else *h = *f;
}

/* z^((p − 5) / 8) = z^(2^252 − 3). */
static void fe_pow22523(fe *out, const fe *z) {
  fe t0, t1, t2;
  fe_sq(&t0, z);
  fe_sq_times(&t1, &t0, 2);
  fe_mul(&t1, z, &t1);
  fe_mul(&t0, &t0, &t1);
  fe_sq(&t0, &t0);
  fe_mul(&t0, &t1, &t0);           /* z^(2^5 − 1) */
  fe_sq_times(&t1, &t0, 5);
  fe_mul(&t0, &t1, &t0);           /* z^(2^10 − 1) */
  fe_sq_times(&t1, &t0, 10);
  fe_mul(&t1, &t1, &t0);           /* z^(2^20 − 1) */
  fe_sq_times(&t2, &t1, 20);
  fe_mul(&t1, &t2, &t1);           /* z^(2^40 − 1) */
  fe_sq_times(&t1, &t1, 10);
  fe_mul(&t0, &t1, &t0);           /* z^(2^50 − 1) */
  fe_sq_times(&t1, &t0, 50);
  fe_mul(&t1, &t1, &t0);           /* z^(2^100 − 1) */
  fe_sq_times(&t2, &t1, 100);
  fe_mul(&t1, &t2, &t1);           /* z^(2^200 − 1) */
  fe_sq_times(&t1, &t1, 50);
  fe_mul(&t0, &t1, &t0);           /* z^(2^250 − 1) */
  fe_sq_times(&t0, &t0, 2);
  fe_mul(out, &t0, z);
}

/* SQRT_RATIO_M1(u, v) of RFC 9496 §4.2: whether u/v is square, and the non-negative root (or of i·u/v). */
static int fe_sqrt_ratio_m1(fe *r, const fe *u, const fe *v) {
  fe v3, v7, check, neg_u, neg_u_i, r_prime;
  fe_sq(&v3, v);
  fe_mul(&v3, &v3, v);
  fe_sq(&v7, &v3);
  fe_mul(&v7, &v7, v);
  fe_mul(&v7, &v7, u);
  fe_pow22523(r, &v7);
  fe_mul(r, r, &v3);
  fe_mul(r, r, u);
  fe_sq(&check, r);
  fe_mul(&check, &check, v);
  fe_neg(&neg_u, u);
  fe_mul(&neg_u_i, &neg_u, &FE_SQRT_M1);
  const int correct = fe_equal(&check, u);
  const int flipped = fe_equal(&check, &neg_u);
  const int flipped_i = fe_equal(&check, &neg_u_i);
  if (flipped || flipped_i) {
    fe_mul(&r_prime, r, &FE_SQRT_M1);
    *r = r_prime;
  }
  fe_abs(r, r);
  return correct || flipped;
}

#endif

/*
 * Variable-time multi-scalar multiplication on ristretto255 (ristretto255-msm.c), for public operands
 * only. Available where the compiler has unsigned __int128 (64-bit targets); elsewhere the addon keeps
 * libsodium's one multiplication per term.
 */
#ifndef QUIETLIST_RISTRETTO255_MSM_H
#define QUIETLIST_RISTRETTO255_MSM_H

#include <stddef.h>

#define RISTRETTO255_MSM_OK (-1L)
#define RISTRETTO255_MSM_NO_MEMORY (-2L)

#ifdef __SIZEOF_INT128__
/*
 * out = Σ scalars[i] · points[i] (32-byte little-endian scalars, bit 255 ignored as libsodium does;
 * canonical 32-byte encodings). Returns RISTRETTO255_MSM_OK, the index of the first point that does
 * not decode (bit 255 set, non-canonical, not on the group), or RISTRETTO255_MSM_NO_MEMORY.
 * The identity decodes (and contributes nothing); an empty or vanishing sum encodes as 32 zero bytes.
 */
long ristretto255_msm_vartime(unsigned char out[32], const unsigned char *scalars, const unsigned char *points,
                              size_t n);
#endif

#endif

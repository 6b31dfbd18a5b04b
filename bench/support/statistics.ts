/** The few statistics the bench needs. */

/** The smallest count c with P(X ≤ c) ≥ confidence for X ~ Poisson(mean). */
export function poissonUpperBound(mean: number, confidence: number): number {
  let probability = Math.exp(-mean);
  let cumulative = probability;
  let count = 0;
  while (cumulative < confidence) {
    count++;
    probability *= mean / count;
    cumulative += probability;
  }
  return count;
}

/** −ln ε / (ln 2)²: the bits per entry of an optimally sized Bloom filter (28.755 at ε = 1e-6). */
export function optimalBitsPerEntry(rate: number): number {
  return -Math.log(rate) / Math.LN2 ** 2;
}

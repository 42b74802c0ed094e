/** Readers receive 70% of every paid cent by default (product.md section 2). */
export const DEFAULT_READER_SHARE_BASIS_POINTS = 7000;

/**
 * Splits an amount between reader and platform: the reader gets floor(amount × bp / 10000),
 * the platform the remainder, so no cent is created or lost.
 */
export function splitReaderShare(
  amountCents: number,
  readerShareBasisPoints = DEFAULT_READER_SHARE_BASIS_POINTS,
) {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new Error(`invalid amount ${amountCents}`);
  if (
    !Number.isInteger(readerShareBasisPoints) ||
    readerShareBasisPoints < 0 ||
    readerShareBasisPoints > 10_000
  ) {
    throw new Error(`invalid basis points ${readerShareBasisPoints}`);
  }
  // BigInt keeps amount × basis points exact beyond 2^53.
  const readerCents = Number((BigInt(amountCents) * BigInt(readerShareBasisPoints)) / 10_000n);
  return { readerCents, platformCents: amountCents - readerCents };
}

const binarySuffixes: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimalSuffixes: Readonly<Record<string, number>> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * Bytes of a Kubernetes resource quantity (`1Gi`, `500M`, `1e3`, `1536`), rounded up. Returns
 * undefined for text that is not a quantity. Pure.
 */
export function quantityToBytes(quantity: string | undefined): number | undefined {
  const match = /^([+-]?\d+(?:\.\d+)?)(?:([eE][+-]?\d+)|([KMGTPE]i|[mkMGTPE])?)$/.exec(quantity?.trim() ?? '');
  if (!match) return undefined;
  const [, number = '0', exponent, suffix = ''] = match;
  const multiplier = exponent ? 10 ** Number(exponent.slice(1)) : (binarySuffixes[suffix] ?? decimalSuffixes[suffix] ?? 1);
  return Math.ceil(Number(number) * multiplier);
}

/** The canonical short form of a byte count: `1Gi` when a binary suffix divides it, else plain bytes. Pure. */
export function bytesToQuantity(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = binarySuffixes[suffix] ?? 1;
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

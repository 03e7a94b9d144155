// apimachinery's `resource.NewQuantity(n, resource.BinarySI).String()` for a whole number of bytes,
// the form Velero writes a snapshot's restore size in (annotation `velero.io/csi-volumesnapshot-restore-size`,
// a claim's raised storage request). Pure.

const binarySuffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

/**
 * `bytes` as a canonical BinarySI quantity: the largest power-of-1024 suffix that divides it exactly
 * (`1073741824` → `1Gi`, `1536` → `1536`); below 1024 apimachinery switches to DecimalSI, so `1000`
 * is `1k`. `bytes` must be a safe integer.
 */
export function binarySIQuantity(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let amount = BigInt(Math.abs(Math.trunc(bytes)));
  if (amount < 1024n) return amount === 1000n ? `${sign}1k` : `${sign}${amount}`;
  let index = 0;
  while (index < binarySuffixes.length - 1 && amount % 1024n === 0n) {
    amount /= 1024n;
    index++;
  }
  return `${sign}${amount}${binarySuffixes[index]}`;
}

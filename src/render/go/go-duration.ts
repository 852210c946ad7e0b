// Go's time.Duration String (what Istio's formatDuration prints for a *durationpb.Duration):
// `0s`, `1.5µs`, `45s`, `1m0s`, `1h2m3.5s`.

const UNITS: Array<[bigint, string]> = [
  [1_000_000n, 'ms'],
  [1_000n, 'µs'],
  [1n, 'ns'],
];

/** Fraction digits of `v / unit`, without trailing zeros ("" when whole). */
function fraction(v: bigint, unit: bigint): string {
  const rem = v % unit;
  if (rem === 0n) return '';
  const width = unit.toString().length - 1;
  return '.' + rem.toString().padStart(width, '0').replace(/0+$/, '');
}

export function goDurationString(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const sign = nanos < 0n ? '-' : '';
  const u = nanos < 0n ? -nanos : nanos;
  if (u < 1_000_000_000n) {
    for (const [unit, name] of UNITS) {
      if (u >= unit) return `${sign}${u / unit}${fraction(u, unit)}${name}`;
    }
  }
  const totalSeconds = u / 1_000_000_000n;
  const secText = `${totalSeconds % 60n}${fraction(u, 1_000_000_000n)}s`;
  const minutes = totalSeconds / 60n;
  if (minutes === 0n) return sign + secText;
  const hours = minutes / 60n;
  if (hours === 0n) return `${sign}${minutes}m${secText}`;
  return `${sign}${hours}h${minutes % 60n}m${secText}`;
}

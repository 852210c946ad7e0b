// Istio's webhook metrics (spec g, monitoring.go), rendered in the Prometheus text format.
// Names match istiod so existing dashboards and alerts keep working; `reason` labels are ours.

/** Istio's buckets (0.1 ... 60 s) with finer ones in front: this server answers in milliseconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 1, 3, 5, 10, 20, 30, 60];

/** The counters of one server as plain data: what a worker sends its cluster primary, and what is summed. */
export interface MetricsSnapshot {
  requests: number;
  success: Record<string, number>;
  failure: Record<string, number>;
  skip: Record<string, number>;
  remembered: number;
  buckets: number[];
  durationSum: number;
  durationCount: number;
}

export function emptySnapshot(): MetricsSnapshot {
  return { requests: 0, success: {}, failure: {}, skip: {}, remembered: 0, buckets: new Array<number>(BUCKETS.length).fill(0), durationSum: 0, durationCount: 0 };
}

/** Counters of several servers added up (the workers of one webhook). */
export function addSnapshots(a: MetricsSnapshot, b: MetricsSnapshot): MetricsSnapshot {
  const addMaps = (x: Record<string, number>, y: Record<string, number>) => {
    const out = new Map<string, number>(Object.entries(x));
    for (const [k, v] of Object.entries(y)) out.set(k, (out.get(k) ?? 0) + v);
    return Object.fromEntries(out);
  };
  return {
    requests: a.requests + b.requests,
    success: addMaps(a.success, b.success),
    failure: addMaps(a.failure, b.failure),
    skip: addMaps(a.skip, b.skip),
    remembered: a.remembered + b.remembered,
    buckets: a.buckets.map((n, i) => n + (b.buckets[i] ?? 0)),
    durationSum: a.durationSum + b.durationSum,
    durationCount: a.durationCount + b.durationCount,
  };
}

/** True when `v` has the shape of a MetricsSnapshot (it arrives over IPC). */
export function isSnapshot(v: unknown): v is MetricsSnapshot {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const counts = (m: unknown) => typeof m === 'object' && m !== null && Object.values(m).every((n) => typeof n === 'number');
  return typeof o.requests === 'number' && typeof o.remembered === 'number' && typeof o.durationSum === 'number' &&
    typeof o.durationCount === 'number' && counts(o.success) && counts(o.failure) && counts(o.skip) &&
    Array.isArray(o.buckets) && o.buckets.length === BUCKETS.length && o.buckets.every((n) => typeof n === 'number');
}

export class WebhookMetrics {
  requests = 0;
  private readonly success = new Map<string, number>();
  private readonly failure = new Map<string, number>();
  private readonly skip = new Map<string, number>();
  private readonly bucketCounts = new Array<number>(BUCKETS.length).fill(0);
  private remembered = 0;
  private durationSum = 0;
  private durationCount = 0;

  countRequest(): void {
    this.requests++;
  }
  /** A response was written (including deny and skip answers, as upstream counts them). */
  countSuccess(): void {
    bump(this.success, '');
  }
  countFailure(reason: string): void {
    bump(this.failure, reason);
  }
  countSkip(reason: string): void {
    bump(this.skip, reason);
  }
  /** An answer came from the memo of repeated reviews. */
  countRemembered(): void {
    this.remembered++;
  }
  observeSeconds(seconds: number): void {
    this.durationSum += seconds;
    this.durationCount++;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) this.bucketCounts[i]++;
  }

  snapshot(): MetricsSnapshot {
    return {
      requests: this.requests,
      success: Object.fromEntries(this.success),
      failure: Object.fromEntries(this.failure),
      skip: Object.fromEntries(this.skip),
      remembered: this.remembered,
      buckets: [...this.bucketCounts],
      durationSum: this.durationSum,
      durationCount: this.durationCount,
    };
  }

  render(): string {
    return renderMetrics(this.snapshot());
  }
}

/** The Prometheus text of a snapshot (one server's, or the sum of a cluster's workers). */
export function renderMetrics(m: MetricsSnapshot): string {
  const lines: string[] = [];
  const entries = (r: Record<string, number>) => new Map(Object.entries(r));
  counter(lines, 'sidecar_injection_requests_total', 'Total number of sidecar injection requests.', new Map([['', m.requests]]));
  counter(lines, 'sidecar_injection_success_total', 'Total number of successful sidecar injection responses.', withZero(entries(m.success)));
  counter(lines, 'sidecar_injection_failure_total', 'Total number of failed sidecar injection requests.', entries(m.failure), 'reason');
  counter(lines, 'sidecar_injection_skip_total', 'Total number of skipped sidecar injection requests.', entries(m.skip), 'reason');
  counter(lines, 'sidecar_injection_remembered_total', 'Admissions answered from the memo of reviews repeated apart from their uid (not an istiod metric).', new Map([['', m.remembered]]));
  const name = 'sidecar_injection_time_seconds';
  lines.push(`# HELP ${name} Total time taken for injection in seconds.`, `# TYPE ${name} histogram`);
  BUCKETS.forEach((le, i) => lines.push(`${name}_bucket{le="${le}"} ${m.buckets[i]}`));
  lines.push(`${name}_bucket{le="+Inf"} ${m.durationCount}`, `${name}_sum ${m.durationSum}`, `${name}_count ${m.durationCount}`);
  return lines.join('\n') + '\n';
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function withZero(map: Map<string, number>): Map<string, number> {
  return map.size > 0 ? map : new Map([['', 0]]);
}

function counter(lines: string[], name: string, help: string, values: Map<string, number>, label?: string): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
  for (const [key, value] of [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(label ? `${name}{${label}="${escapeLabel(key)}"} ${value}` : `${name} ${value}`);
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

// Istio's webhook metrics (spec g, monitoring.go), rendered in the Prometheus text format.
// Names match istiod so existing dashboards and alerts keep working; `reason` labels are ours.

/** Istio's buckets (0.1 ... 60 s) with finer ones in front: this server answers in milliseconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 1, 3, 5, 10, 20, 30, 60];

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

  render(): string {
    const lines: string[] = [];
    counter(lines, 'sidecar_injection_requests_total', 'Total number of sidecar injection requests.', new Map([['', this.requests]]));
    counter(lines, 'sidecar_injection_success_total', 'Total number of successful sidecar injection responses.', withZero(this.success));
    counter(lines, 'sidecar_injection_failure_total', 'Total number of failed sidecar injection requests.', this.failure, 'reason');
    counter(lines, 'sidecar_injection_skip_total', 'Total number of skipped sidecar injection requests.', this.skip, 'reason');
    counter(lines, 'sidecar_injection_remembered_total', 'Admissions answered from the memo of reviews repeated apart from their uid (not an istiod metric).', new Map([['', this.remembered]]));
    const name = 'sidecar_injection_time_seconds';
    lines.push(`# HELP ${name} Total time taken for injection in seconds.`, `# TYPE ${name} histogram`);
    BUCKETS.forEach((le, i) => lines.push(`${name}_bucket{le="${le}"} ${this.bucketCounts[i]}`));
    lines.push(`${name}_bucket{le="+Inf"} ${this.durationCount}`, `${name}_sum ${this.durationSum}`, `${name}_count ${this.durationCount}`);
    return lines.join('\n') + '\n';
  }
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

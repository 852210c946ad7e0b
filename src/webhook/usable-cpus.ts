// How many CPUs this process may use: the scheduler's affinity (os.availableParallelism) capped by
// the container's CPU quota. Node 20 does not read cgroup quotas, so a pod limited to 2 CPUs on a
// 64-core node would otherwise start 64 workers that share 2 CPUs.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** CPUs allowed by a cgroup v2 `cpu.max` ("max 100000" or "200000 100000"); undefined when unlimited or unreadable. */
export function cpusFromCgroupV2(cpuMax: string): number | undefined {
  const [quota, period] = cpuMax.trim().split(/\s+/);
  return cpusFromQuota(Number(quota), Number(period ?? 100000));
}

/** CPUs allowed by cgroup v1 `cpu.cfs_quota_us` (-1 = unlimited) and `cpu.cfs_period_us`. */
export function cpusFromCgroupV1(quotaUs: string, periodUs: string): number | undefined {
  return cpusFromQuota(Number(quotaUs.trim()), Number(periodUs.trim()));
}

function cpusFromQuota(quota: number, period: number): number | undefined {
  if (!Number.isFinite(quota) || !Number.isFinite(period) || quota <= 0 || period <= 0) return undefined;
  return Math.max(1, Math.ceil(quota / period));
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The default number of webhook workers. */
export function usableCpus(read: (path: string) => string | undefined = readOrUndefined): number {
  const affinity = os.availableParallelism();
  const v2 = read('/sys/fs/cgroup/cpu.max');
  let quota = v2 === undefined ? undefined : cpusFromCgroupV2(v2);
  if (v2 === undefined) {
    const q = read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us');
    const p = read('/sys/fs/cgroup/cpu/cpu.cfs_period_us');
    if (q !== undefined && p !== undefined) quota = cpusFromCgroupV1(q, p);
  }
  return Math.max(1, Math.min(affinity, quota ?? affinity));
}

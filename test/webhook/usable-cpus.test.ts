import test from 'ava';
import os from 'node:os';
import { cpusFromCgroupV1, cpusFromCgroupV2, usableCpus } from '../../src/webhook/usable-cpus.js';

test('cgroup v2 cpu.max: a quota rounds up to whole CPUs, "max" is no limit', (t) => {
  t.is(cpusFromCgroupV2('200000 100000\n'), 2);
  t.is(cpusFromCgroupV2('150000 100000'), 2);
  t.is(cpusFromCgroupV2('50000 100000'), 1);
  t.is(cpusFromCgroupV2('max 100000\n'), undefined);
  t.is(cpusFromCgroupV2(''), undefined);
});

test('cgroup v1: -1 is no limit', (t) => {
  t.is(cpusFromCgroupV1('-1\n', '100000\n'), undefined);
  t.is(cpusFromCgroupV1('300000', '100000'), 3);
});

test('the default worker count is the affinity capped by the quota, at least 1', (t) => {
  const affinity = os.availableParallelism();
  t.is(usableCpus(() => undefined), affinity);
  t.is(usableCpus((p) => (p.endsWith('cpu.max') ? '100000 100000' : undefined)), 1);
  t.is(usableCpus((p) => (p.endsWith('cpu.max') ? `${(affinity + 4) * 100000} 100000` : undefined)), affinity);
  t.is(usableCpus((p) => (p.endsWith('cfs_quota_us') ? '100000' : p.endsWith('cfs_period_us') ? '100000' : undefined)), 1);
});

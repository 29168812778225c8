/**
 * What the CPU profiles of the gateway under this benchmark's load showed, before and after the cuts of issue 15.
 * Written by hand from `--cpu-prof` runs (REELAY_BENCH_GATEWAY_NODE_OPTIONS), so it carries its own date.
 */
export const PROFILE_NOTES: string[] = [
  '## Where the time goes',
  '',
  'Profiles of the gateway under this load (`--cpu-prof`, 2026-11-24): the largest single cost of a create is the',
  'kernel socket write (`writev`, ~14 % of all samples) of the extra loopback hop, at 0.4–0.7 ms per round trip on',
  "this 2-core VM. The gateway's own work is about 0.6 ms per create: the job insert (write-ahead, before the",
  'upstream call) ~0.18 ms, the upstream call through undici and the response schema ~0.19 ms, the update with the',
  'operation ~0.1 ms, routing ~0.06 ms, the rest middleware. Dropping either write would break the no-lost-job',
  'guarantee, so that part of the gap is kept rather than bought with durability.',
];

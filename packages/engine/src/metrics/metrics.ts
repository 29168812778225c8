type Labels = Record<string, string>;

const submitBucketsSeconds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Counters and one histogram, rendered in the Prometheus text exposition format. */
export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const counters = new Map<string, { help: string; values: Map<string, number> }>();
  const histogram = new Map<string, { buckets: number[]; sum: number; count: number }>();
  const gauges = new Map<string, { help: string; read: () => Array<[Labels, number]> }>();

  const counter = (name: string, help: string) => {
    counters.set(name, { help, values: new Map() });
    return (labels: Labels, by = 1) => {
      const values = counters.get(name)!.values;
      const key = formatLabels(labels);
      values.set(key, (values.get(key) ?? 0) + by);
    };
  };

  return {
    jobsCreated: counter('reelay_jobs_created_total', 'Jobs accepted by a provider, by provider.'),
    jobsCompleted: counter(
      'reelay_jobs_completed_total',
      'Jobs completed with their output stored, by provider.',
    ),
    jobsFailed: counter('reelay_jobs_failed_total', 'Jobs that ended failed, by provider and error code.'),
    upstreamRequests: counter(
      'reelay_upstream_requests_total',
      'Requests made to providers, by provider, operation and outcome.',
    ),
    idempotentReplays: counter(
      'reelay_idempotent_replays_total',
      'Creates answered from an Idempotency-Key.',
    ),
    webhookAttempts: counter(
      'reelay_webhook_attempts_total',
      'Outgoing webhook delivery attempts, by outcome (delivered, retry, failed).',
    ),
    providerWebhooks: counter(
      'reelay_provider_webhooks_total',
      'Provider webhook deliveries received, by provider and outcome.',
    ),
    observeSubmit(provider: string, seconds: number) {
      const key = formatLabels({ provider });
      let entry = histogram.get(key);
      if (!entry) {
        entry = { buckets: submitBucketsSeconds.map(() => 0), sum: 0, count: 0 };
        histogram.set(key, entry);
      }
      submitBucketsSeconds.forEach((bound, index) => {
        if (seconds <= bound) entry.buckets[index]! += 1;
      });
      entry.sum += seconds;
      entry.count += 1;
    },
    gauge(name: string, help: string, read: () => Array<[Labels, number]>) {
      gauges.set(name, { help, read });
    },
    text(): string {
      const lines: string[] = [];
      for (const [name, { help, values }] of counters) {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
        for (const [labels, value] of values) lines.push(`${name}${labels} ${value}`);
      }
      const name = 'reelay_submit_duration_seconds';
      lines.push(
        `# HELP ${name} Time from the start of an upstream submit to its answer.`,
        `# TYPE ${name} histogram`,
      );
      for (const [labels, entry] of histogram) {
        const inner = labels.slice(1, -1);
        submitBucketsSeconds.forEach((bound, index) => {
          lines.push(`${name}_bucket{${inner},le="${bound}"} ${entry.buckets[index]}`);
        });
        lines.push(`${name}_bucket{${inner},le="+Inf"} ${entry.count}`);
        lines.push(`${name}_sum${labels} ${entry.sum}`, `${name}_count${labels} ${entry.count}`);
      }
      for (const [gaugeName, { help, read }] of gauges) {
        lines.push(`# HELP ${gaugeName} ${help}`, `# TYPE ${gaugeName} gauge`);
        for (const [labels, value] of read()) lines.push(`${gaugeName}${formatLabels(labels)} ${value}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

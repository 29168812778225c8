export { buildUsageReport } from './build-usage-report';
export { openUsageReporter, type UsageReporter } from './open-usage-reporter';
export { usageReportToCsv } from './usage-csv';
export {
  type UsageMetrics,
  type UsageReport,
  type UsageReportRow,
  usageMetricsSchema,
  usageReportSchema,
  usageRowSchema,
} from './usage-report';
export type { UsageReportQuery } from './usage-report-query';

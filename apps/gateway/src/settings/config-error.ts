/** One bad setting: the environment variable or config-file path, and what would be accepted. */
export type ConfigIssue = { setting: string; message: string };

/** The gateway cannot start with this configuration. The message lists every bad setting, one per line. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], headline = 'Invalid gateway configuration') {
    super(`${headline}:\n${issues.map((issue) => `  ${issue.setting}: ${issue.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * The gateway's HTTP shapes as the page reads them. The page is an ordinary API client, so these mirror the
 * JSON (engine `view/` and `dry-run`), not the server's TypeScript types; parsers in this folder tolerate
 * missing fields.
 */

export type VideoMode = 'text-to-video' | 'image-to-video';

export type SizeCapability =
  | {
      kind: 'list';
      options: Array<{ width: number; height: number; tier: string }>;
      default: { width: number; height: number };
    }
  | {
      kind: 'grid';
      aspectRatios: string[];
      tiers: string[];
      default: { aspectRatio: string; tier: string };
    }
  | {
      kind: 'range';
      minPixels: number;
      maxPixels: number;
      default: { width: number; height: number };
    };

export type Capabilities = {
  modes: VideoMode[];
  size: SizeCapability;
  duration: { values: number[]; default: number };
  audio: { field: string | undefined; default: boolean } | undefined | null;
  image: { field: string; accepts: string[] } | undefined | null;
};

export type ProviderCard = {
  provider: string;
  /** `provider/model`: pins the request to this provider. */
  id: string;
  price: { display: string; unit: string; estimated: boolean; as_of: string } | null;
  capabilities: Capabilities;
};

export type LifecycleStatus = 'active' | 'deprecated' | 'retired';

export type ModelCard = {
  id: string;
  name: string;
  owned_by: string;
  family: string | null;
  tags: string[];
  modes: VideoMode[];
  max_duration_seconds: number;
  lifecycle: {
    status: LifecycleStatus;
    deprecated_at: string | null;
    retired_at: string | null;
    successors: string[];
    note: string | null;
  };
  price: string | null;
  providers: ProviderCard[];
};

export type NormalizationEntry = {
  param: string;
  requested: unknown;
  sent: Record<string, unknown> | null;
  action: string;
  note?: string;
};

export type Warning = {
  type: string;
  message?: string;
  feature?: string;
  details?: string;
  setting?: string;
};

export type Money = { usd: string; micros: number };

export type DryRunRoute = {
  provider: string;
  offering: string;
  upstream_model: string;
  healthy: boolean;
  quote: (Money & { per_unit_micros: number; unit: string; estimated: boolean; as_of: string }) | null;
  quote_problem: string | null;
  size: string;
  seconds: number;
  audio: boolean;
  normalization: NormalizationEntry[];
  warnings: Warning[];
  reason: string;
};

export type DryRun = {
  object: 'video.dry_run';
  model: string;
  requested_model: string;
  n: number;
  sandbox: boolean;
  route: DryRunRoute[];
  chosen: string;
  skipped: Array<{ provider: string; offering: string; reason: string }>;
  allow_fallbacks: boolean;
  cost_estimate: Money | null;
  warnings: Warning[];
};

export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

export type Video = {
  id: string;
  object: 'video';
  model: string;
  status: VideoStatus;
  progress: number;
  created_at: number;
  completed_at: number | null;
  expires_at: number | null;
  prompt: string | null;
  size: string;
  seconds: string;
  error: { code: string; message: string } | null;
  output: { url: string; thumbnail_url: string | null; content_type: string } | null;
  metadata: Record<string, unknown>;
};

export type VideoList = { object: 'list'; data: Video[]; has_more: boolean; last_id: string | null };

/** The body of `POST /v1/videos` the page sends, in the order snippets print it. */
export type VideoRequestBody = {
  model: string;
  prompt: string;
  seconds?: string;
  size?: string;
  aspect_ratio?: string;
  resolution?: string;
  audio?: boolean;
  input_reference?: string;
};

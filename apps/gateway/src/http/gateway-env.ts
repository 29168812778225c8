import type { RequestContext } from '@reelay/engine';

/** Hono environment of the gateway: what middleware hands to routes. */
export type GatewayEnv = {
  Variables: {
    /** Set by the request-id middleware; echoed as `x-request-id` and in error logs. */
    requestId: string;
    /** Set by the auth middleware: whose jobs this request may see. */
    requestContext: RequestContext;
    /** The video a create or remix made, for the request's log line. */
    jobId: string | undefined;
  };
};

import { EdgeAuthConfigError } from './errors.ts';

/** Where the edge function finds its settings: an SSM parameter in the main stack's region. */
export interface EdgeAuthLocation {
  readonly region: string;
  readonly parameterName: string;
}

/**
 * Reads the two values edge.yml bakes into the bundle (esbuild `define` replaces each
 * `process.env.NAME` with a literal, since Lambda@Edge passes no environment). Tests pass them as
 * a plain object. Fails at cold start, naming what is missing.
 */
export function readEdgeAuthLocation(env: Record<string, string | undefined>): EdgeAuthLocation {
  const region = env.TUBELENS_EDGE_CONFIG_REGION ?? '';
  const parameterName = env.TUBELENS_EDGE_CONFIG_PARAMETER ?? '';
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new EdgeAuthConfigError(
      'TUBELENS_EDGE_CONFIG_REGION must be an AWS region, baked in at package time',
    );
  }
  if (!/^\/[\w./-]+$/.test(parameterName)) {
    throw new EdgeAuthConfigError(
      'TUBELENS_EDGE_CONFIG_PARAMETER must be an SSM parameter name such as /tubelens/prod/edge-auth',
    );
  }
  return { region, parameterName };
}

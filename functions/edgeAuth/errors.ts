/** Errors of the edge sign-in function. Each keeps the lower-level failure as `cause`. */

/** The sign-in configuration could not be read or is malformed: every request is refused. */
export class EdgeAuthConfigError extends Error {
  override name = 'EdgeAuthConfigError';
}

/** The identity provider did not answer as expected (discovery, keys or the token endpoint). */
export class IdentityProviderError extends Error {
  override name = 'IdentityProviderError';
}

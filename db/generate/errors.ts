/** Errors of the synthetic data generator. */
export class GenerateError extends Error {
  override name = 'GenerateError';
}

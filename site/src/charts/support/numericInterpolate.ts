/**
 * Stands in for d3-interpolate in the site's and the explorer's page bundles (aliased in
 * site/astro.config.mjs and container/build.ts). d3-scale imports these four functions; our
 * scales only ever interpolate numbers (pixel ranges and numeric domains), while the real
 * module's generic `interpolate` reaches all of d3-color, whose colour definitions run at load and
 * cannot be tree-shaken: 16 KB of script, about 5 KB gzip on every page. Anything but a number
 * throws, so a colour scale added later fails in the tests instead of drawing nonsense.
 */
type Interpolator = (t: number) => number;

export function interpolateNumber(a: number, b: number): Interpolator {
  const from = +a;
  const to = +b;
  return (t) => from * (1 - t) + to * t;
}

export function interpolateRound(a: number, b: number): Interpolator {
  const from = +a;
  const to = +b;
  return (t) => Math.round(from * (1 - t) + to * t);
}

export function interpolate(a: unknown, b: unknown): Interpolator {
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw new TypeError(`charts interpolate numbers only, not ${typeof a} to ${typeof b}`);
  }
  return interpolateNumber(a, b);
}

/** d3's piecewise over numbers: `values` joined end to end, each span by `make`. */
export function piecewise(
  make: (a: number, b: number) => Interpolator,
  values: readonly number[],
): Interpolator {
  const spans = values.slice(1).map((v, i) => make(values[i]!, v));
  const n = spans.length;
  return (t) => {
    const scaled = t * n;
    const i = Math.max(0, Math.min(n - 1, Math.floor(scaled)));
    return spans[i]!(scaled - i);
  };
}

/** Tick values for a duration axis in seconds: 15 s, 30 s, 1, 2, 5, 10, 20, 30 min, 1, 2, 5, 10 h. */
export const DURATION_TICKS: readonly number[] = [
  1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 18000, 36000,
];

/** When a change is news. Each default is what `tubelens alerts` and the Lambda use unless told. */
export interface AlertThresholds {
  /**
   * A video is an outlier once its views are at least this many times the median of the
   * channel's previous uploads at the same age (the same-age outlier score of the reports).
   */
  readonly outlierScore: number;
  /** A channel's last 7 days of views against the 7 before: news past this change, as a fraction (0.5 = ±50 %). */
  readonly viewsChange: number;
  /**
   * Events are looked for in the newest this-many days of each channel: a daily run needs one,
   * a run after a pause finds what it missed up to this far back.
   */
  readonly lookbackDays: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = Object.freeze({
  outlierScore: 3,
  viewsChange: 0.5,
  lookbackDays: 35,
});

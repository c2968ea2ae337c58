import { type Axis, type AxisScale, axisLeft } from 'd3-axis';
import type { NumberValue } from 'd3-scale';
import type { Selection } from 'd3-selection';

type Plot = Selection<SVGGElement, undefined, null, undefined>;

/**
 * The y axis every chart draws the same way: labels on the left, each tick a grid line across the
 * plot, no domain line. `configure` chooses the ticks and their format; the axis group is returned
 * so a chart can add its axis label.
 */
export function gridAxisY(
  plot: Plot,
  y: AxisScale<NumberValue>,
  innerWidth: number,
  configure: (axis: Axis<NumberValue>) => Axis<NumberValue>,
): Selection<SVGGElement, undefined, null, undefined> {
  return plot
    .append('g')
    .attr('class', 'tl-axis tl-axis-y')
    .call(configure(axisLeft(y)).tickSize(-innerWidth))
    .call((g) => g.select('.domain').remove());
}

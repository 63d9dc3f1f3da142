// A uPlot chart sized to its container (a ResizeObserver follows the width, so it fits a phone),
// drawn for sighted readers only: every chart comes with a text alternative beside it.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 240;

export function Chart({
  title,
  options,
  data,
  summary,
  children,
}: {
  title: string;
  /** uPlot's options without width and height, which follow the container. */
  options: Omit<Options, 'width' | 'height'>;
  data: AlignedData;
  /** One sentence that says what the chart shows, read out instead of it. */
  summary: ComponentChildren;
  /** The chart's data as a table (the text alternative). */
  children: ComponentChildren;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(200, Math.floor(el.clientWidth));
    const plot = new uPlot({ ...options, width: width(), height: HEIGHT }, data, el);
    const observer = new ResizeObserver(() => {
      if (width() !== plot.width) plot.setSize({ width: width(), height: HEIGHT });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [options, data]);
  return (
    <figure class="chart">
      <figcaption>
        <h2>{title}</h2>
        <p class="chart-summary">{summary}</p>
      </figcaption>
      <div class="chart-canvas" ref={box} aria-hidden="true" />
      <details>
        <summary>Show the numbers as a table</summary>
        {children}
      </details>
    </figure>
  );
}

/** Bars for a chart whose x values are the indexes of named categories. */
export function categoryAxis(names: readonly string[]): uPlot.Axis {
  return {
    // One tick (and grid line) per category, none between them.
    splits: () => names.map((_, i) => i),
    values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (names[i] ?? '') : '')),
    gap: 4,
    size: 40,
  };
}

/** Bars a fraction of the slot wide; two series side by side take align -1 and 1. */
export function bars(widthFactor: number, align: -1 | 0 | 1 = 0): uPlot.Series.PathBuilder {
  return uPlot.paths.bars!({ size: [widthFactor, 48], align });
}

import { useId } from 'react';
import { cn } from './cn';

export interface Bar {
  key: string;
  /** Said in the bar's tooltip and, for the first and last, under the chart. */
  label: string;
  value: number;
}

export interface BarChartProps {
  title: string;
  /** What the chart shows in words (its accessible description); give the numbers in a table too. */
  description: string;
  bars: readonly Bar[];
  /** The value as text, e.g. a formatted number. */
  format?: (value: number) => string;
  className?: string;
}

const HEIGHT = 100;
const SLOT = 10;
const GAP = 2;

/**
 * Vertical bars in SVG (no inline styles: geometry in attributes, colour in classes), scaled to the
 * largest value. An image with a title and description for assistive technology; the figures
 * themselves belong in a table next to it.
 */
export function BarChart({ title, description, bars, format = String, className }: BarChartProps) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = Math.max(1, bars.length) * SLOT;
  return (
    <figure className={cn('flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4', className)}>
      <figcaption className="flex items-baseline justify-between gap-2">
        <span className="font-semibold text-stone-900">{title}</span>
        <span className="text-xs text-stone-600" aria-hidden="true">{format(max)}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        className="h-40 w-full border-b border-l border-stone-300 sm:h-48"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, i) => {
          const height = (bar.value / max) * (HEIGHT - 2);
          return (
            <rect key={bar.key} x={i * SLOT + GAP / 2} y={HEIGHT - height} width={SLOT - GAP} height={height} className="fill-brand-600">
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </rect>
          );
        })}
      </svg>
      {bars.length > 0 && (
        <div className="flex justify-between gap-2 text-xs text-stone-600" aria-hidden="true">
          <span>{bars[0]!.label}</span>
          {bars.length > 1 && <span>{bars.at(-1)!.label}</span>}
        </div>
      )}
    </figure>
  );
}

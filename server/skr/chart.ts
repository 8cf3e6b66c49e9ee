import type { LanSummary } from './onboarding';

/**
 * The connected share per county as an inline SVG bar chart (no script). The SVG is an image with a title and a
 * description; the same numbers are in the table next to it, which is what a screen reader user gets.
 */
export interface BarChart {
  width: number;
  height: number;
  bars: Array<{ y: number; labelY: number; width: number; label: string; value: string; valueX: number }>;
  axis: Array<{ x: number; label: string }>;
  plotX: number;
  plotWidth: number;
}

export function connectedShareChart(lans: readonly LanSummary[]): BarChart {
  const rowHeight = 22;
  const plotX = 190;
  const plotWidth = 420;
  const top = 10;
  const bars = lans.map((l, i) => {
    const y = top + i * rowHeight;
    const width = Math.round((plotWidth * l.percent) / 100);
    return {
      y,
      labelY: y + 14,
      width,
      label: l.lan,
      value: `${l.percent} % (${l.connected} av ${l.municipalities})`,
      valueX: plotX + width + 6,
    };
  });
  const height = top + lans.length * rowHeight + 24;
  const axis = [0, 25, 50, 75, 100].map((p) => ({ x: plotX + (plotWidth * p) / 100, label: `${p} %` }));
  return { width: plotX + plotWidth + 150, height, bars, axis, plotX, plotWidth };
}

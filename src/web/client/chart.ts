import type uPlot from "uplot";
import { el } from "./dom.js";
import { t } from "./i18n.js";

declare global {
  interface Window {
    /** uPlot's browser build, loaded by the shell of /progress and /team before this script. */
    uPlot?: typeof uPlot;
  }
}

/**
 * A line chart of scores (0–100), one point per pitch from the oldest to the newest, drawn by uPlot on a canvas that
 * fills its container's width and follows it when the window is resized. The x axis counts pitches rather than
 * days: practice comes in bursts, and a burst on a time axis is one blot. The same numbers, with their dates, are
 * always in a table beside it (screen readers, no script for the chart): the chart is never the only place a number
 * is.
 */
export function scoreChart(
  points: ReadonlyArray<{ at: string; score: number }>,
  label: string,
  axis: string,
): HTMLElement {
  const holder = el("div", { class: "chart", role: "img", "aria-label": label });
  const Plot = window.uPlot;
  if (!Plot) {
    holder.append(el("p", { class: "note" }, t("chartUnavailable")));
    return holder;
  }
  const sorted = [...points].sort((x, y) => x.at.localeCompare(y.at));
  const data: uPlot.AlignedData = [sorted.map((_point, index) => index + 1), sorted.map((point) => point.score)];
  const accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#0b5cad";
  const width = () => Math.max(260, Math.min(holder.clientWidth || 640, 900));
  const options: uPlot.Options = {
    width: width(),
    height: 220,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: (_plot, min, max) => [Math.min(min, 1) - 0.5, max + 0.5] },
      y: { range: [0, 100] },
    },
    series: [{}, { label, stroke: accent, width: 2, points: { show: true, size: 7, fill: accent } }],
    axes: [
      // Whole pitches only: no tick between the first and the second pitch.
      { label: axis, incrs: [1, 2, 5, 10, 20, 50, 100], values: (_plot, ticks) => ticks.map((tick) => String(tick)) },
      { values: (_plot, ticks) => ticks.map(String) },
    ],
  };
  // uPlot measures its container: it is drawn once the holder is in the page.
  requestAnimationFrame(() => {
    const plot = new Plot({ ...options, width: width() }, data, holder);
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    resize.observe(holder);
  });
  return holder;
}

// The indicator page's chart: values measured against each target's trajectory, drawn with
// the vendored Apache ECharts from the page's json_script block (no inline script: CSP).
"use strict";

(function () {
  function draw() {
    const box = document.getElementById("indicator-chart");
    if (!box || typeof window.echarts === "undefined") return;
    const source = document.getElementById(box.dataset.chartSource || "chart-data");
    if (!source) return;
    const data = JSON.parse(source.textContent);
    const series = [];
    for (const s of data.series) {
      const name = s.scope ? ` (${s.scope})` : "";
      series.push({
        name: (box.dataset.labelActual || "Actual") + name,
        type: "line",
        data: s.actual,
        symbolSize: 8,
      });
      series.push({
        name: (box.dataset.labelTarget || "Target") + name,
        type: "line",
        data: s.target,
        lineStyle: { type: "dashed" },
        symbol: "diamond",
        symbolSize: 8,
      });
    }
    const chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: "time" },
      yAxis: {
        type: "value",
        inverse: Boolean(data.inverse),
        max: data.unit === "%" ? 100 : null,
        min: data.inverse ? 1 : 0,
      },
      series: series,
    });
    window.addEventListener("resize", () => chart.resize());
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();

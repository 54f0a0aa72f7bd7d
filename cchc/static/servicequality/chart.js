// The service-quality trend: each 766 rate by month, drawn with the vendored Apache ECharts
// from the page's json_script block (no inline script: CSP). The table beside holds the same.
"use strict";

(function () {
  function draw() {
    const box = document.getElementById("sq-chart");
    if (!box || typeof window.echarts === "undefined") return;
    const source = document.getElementById(box.dataset.chartSource || "sq-chart-data");
    if (!source) return;
    const data = JSON.parse(source.textContent);
    const chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 28 },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", min: 0, max: 100 },
      series: data.series.map((s) => ({
        name: s.code, type: "line", data: s.values, connectNulls: false, symbolSize: 6,
      })),
    });
    window.addEventListener("resize", () => chart.resize());
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();

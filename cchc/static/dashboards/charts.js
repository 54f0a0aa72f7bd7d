// The dashboards' charts, drawn with the vendored Apache ECharts from the JSON in the
// data-charts attribute of #dashboard-charts (no inline script: CSP; and htmx drops script
// elements it swaps in). Each chart has a table with the same
// numbers next to it. Drawn again after an HTMX filter change swaps the page's body.
"use strict";

(function () {
  const charts = [];

  function bar(data) {
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: data.labels, inverse: true, axisLabel: { width: 160, overflow: "truncate" } },
      series: [{ type: "bar", data: data.values, label: { show: true, position: "right", formatter: "{c}%" } }],
    };
  }

  function lines(data) {
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", max: 100, min: 0, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: data.names[0], type: "line", data: data.completeness, connectNulls: true, symbolSize: 8 },
        { name: data.names[1], type: "line", data: data.timeliness, connectNulls: true, symbolSize: 8, lineStyle: { type: "dashed" } },
      ],
    };
  }

  function heat(data) {
    return {
      animation: false,
      tooltip: { position: "top" },
      grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: data.areas, axisLabel: { interval: 0, rotate: 30, width: 120, overflow: "truncate" } },
      yAxis: { type: "category", data: data.agencies, inverse: true, axisLabel: { width: 160, overflow: "truncate" } },
      visualMap: { min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120,
        inRange: { color: ["#d73027", "#fee08b", "#1a9850"] } },
      series: [{ type: "heatmap", data: data.cells, label: { show: data.agencies.length <= 20 } }],
    };
  }

  const builders = { areas: bar, periods: lines, heat: heat };

  function draw() {
    while (charts.length) charts.pop().dispose();
    const source = document.getElementById("dashboard-charts");
    if (!source || typeof window.echarts === "undefined") return;
    const data = JSON.parse(source.dataset.charts || "{}");
    for (const box of document.querySelectorAll("[data-chart]")) {
      const build = builders[box.dataset.chart];
      const item = data[box.dataset.chart];
      if (!build || !item) continue;
      const chart = window.echarts.init(box, null, { renderer: "svg" });
      chart.setOption(build(item));
      charts.push(chart);
    }
  }

  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  document.addEventListener("htmx:afterSettle", draw);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();

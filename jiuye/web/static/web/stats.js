/* Statistics pages: draw each chart from the data its page left in a json_script element
   (no inline scripts: CSP), again after every HTMX swap; the print button. */
(function () {
  "use strict";

  function draw(root) {
    if (typeof echarts === "undefined") {
      return;
    }
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var data = JSON.parse(source.textContent);
      var previous = echarts.getInstanceByDom(el);
      if (previous) {
        previous.dispose();
      }
      var chart = echarts.init(el);
      chart.setOption({
        title: { text: data.title, left: "center", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 16, right: 16, top: 40, bottom: 48, containLabel: true },
        xAxis: {
          type: "category",
          data: data.categories,
          axisLabel: { rotate: data.categories.length > 6 ? 40 : 0 }
        },
        yAxis: { type: "value", name: data.unit },
        series: data.series.map(function (s) {
          return { name: s.name, type: data.type, data: s.data, smooth: data.type === "line" };
        })
      });
    });
  }

  window.addEventListener("resize", function () {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = typeof echarts !== "undefined" && echarts.getInstanceByDom(el);
      if (chart) {
        chart.resize();
      }
    });
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  if (typeof htmx !== "undefined") {
    htmx.onLoad(draw);
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      draw(document);
    });
  }
})();

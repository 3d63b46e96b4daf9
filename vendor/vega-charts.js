/* Draws the book's Vega-Lite charts (ours; see vendor/SOURCES.txt). Every chart is a
   <div class="japan-nato-vega" id="ID"> followed by its specification in
   <script type="application/json" id="ID-spec">, written by japan_nato.book from the notebook's
   Vega-Lite output. Vega, Vega-Lite and vega-embed come from the book's own _static/vega/ files,
   loaded before this one, so charts and their controls work offline. */
(function () {
  "use strict";
  function draw(el) {
    var spec = JSON.parse(document.getElementById(el.id + "-spec").textContent);
    // How to draw it (SVG, no actions menu) travels with the specification: vega-embed reads
    // usermeta.embedOptions (japan_nato.charts.EMBED_OPTIONS) itself.
    window
      .vegaEmbed(el, spec)
      .then(function (result) {
        el.vegaView = result.view;
        el.setAttribute("data-ready", "true");
      })
      .catch(function (error) {
        el.textContent = "This chart could not be drawn (" + error + ").";
      });
  }
  function drawAll() {
    var charts = document.querySelectorAll("div.japan-nato-vega:not([data-drawn])");
    for (var i = 0; i < charts.length; i++) {
      charts[i].setAttribute("data-drawn", "true");
      draw(charts[i]);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();

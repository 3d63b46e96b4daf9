// Point the vendored widget manager at its own files (beside this file), whatever the page depth.
// Loaded after require.js and before the manager: module paths such as
// "@jupyter-widgets/html-manager/dist/..." then resolve under _static/npm/, not under the page.
(function () {
  var base = new URL("npm/", document.currentScript.src).href;
  window.__jupyter_widgets_assets_path__ = base + "@jupyter-widgets/html-manager/dist/";
  if (window.require && window.require.config) {
    window.require.config({ baseUrl: base });
  }
})();

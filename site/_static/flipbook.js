/* Kernel-free sliders: a <figure class="wdlab-flipbook"> holds one <input type=range> per control and the
   frames precomputed by scripts/site_frames.py (the notebook's own update code, one PNG per grid value).
   Moving an input shows the frame of the chosen values (row-major over the controls) and its readout.
   Frames are fetched the first time the reader touches the slider, so opening a page stays light. */
(function () {
  "use strict";
  function setup(fig) {
    var data = JSON.parse(fig.getAttribute("data-flipbook"));
    var inputs = Array.prototype.slice.call(fig.querySelectorAll("input.wdlab-flipbook-input"));
    var outputs = Array.prototype.slice.call(fig.querySelectorAll("output.wdlab-flipbook-value"));
    var img = fig.querySelector("img.wdlab-flipbook-frame");
    var readout = fig.querySelector(".wdlab-flipbook-readout");
    var preloaded = false;
    function preload() {
      if (preloaded) { return; }
      preloaded = true;
      data.frames.forEach(function (f) { var im = new Image(); im.src = f.src; });
    }
    function frameIndex() {
      var k = 0;
      inputs.forEach(function (inp, i) { k = k * data.controls[i].labels.length + Number(inp.value); });
      return k;
    }
    function show() {
      var k = frameIndex();
      var frame = data.frames[k];
      inputs.forEach(function (inp, i) {
        var c = data.controls[i];
        var text = c.symbol + " = " + c.labels[Number(inp.value)];
        outputs[i].textContent = text;
        inp.setAttribute("aria-valuetext", text);
      });
      img.src = frame.src;
      img.alt = fig.getAttribute("data-alt") + " " + inputs.map(function (inp, i) {
        return data.controls[i].symbol + " = " + data.controls[i].labels[Number(inp.value)];
      }).join(", ");
      readout.innerHTML = frame.readout;
      fig.setAttribute("data-frame", String(k));
    }
    inputs.forEach(function (inp) {
      inp.addEventListener("input", show);
      inp.addEventListener("change", show);
      ["pointerenter", "focus", "touchstart"].forEach(function (ev) {
        inp.addEventListener(ev, preload, { passive: true });
      });
    });
    fig.classList.add("wdlab-flipbook-ready");
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.wdlab-flipbook"), setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

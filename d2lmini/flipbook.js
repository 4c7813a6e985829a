/* d2lmini flipbook: a slider over precomputed pictures, swapped in the browser (no kernel work per move).

   One file, two uses:
   * the notebooks: d2lmini.widgets.SliderFigure is an anywidget; it loads this file as an ES module (this
     source + "export default {initialize, render}") and gets its frames from the kernel (see the comm
     protocol in d2lmini/widgets.py);
   * the website: scripts/site_build.py copies this file to _static/flipbook.js; loaded as a classic script
     it mounts every <figure class="wdlab-flipbook" data-flipbook="..."> with its frames as image files.

   A frame is the picture + readout of one combination of grid positions (row-major over the controls). The
   root element says what it shows: data-frame (the frame), data-src (the URL of its PNG), data-waiting (a frame
   asked for and not here yet), data-error (the frame's update raised; the picture stays).
   Moving a control (keys, drag, or a value typed into its box, snapped to the grid as GridSlider.snap
   does) shows that frame at once when the browser has it; otherwise it keeps the old picture, says it is
   drawing, asks for that frame first and shows it when it comes. */
var wdlabFlipbook = (function () {
  "use strict";
  var uid = 0;

  function el(tag, cls, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  // Grid position of a typed value, as GridSlider.snap gives it: bounds[i] is the smallest number that
  // snaps past position i (GridSlider.bounds computes them from snap itself).
  function snapIndex(c, v) {
    var i = 0;
    while (i < c.bounds.length && v >= c.bounds[i]) { i += 1; }
    return i;
  }

  function flatIndex(spec, pos) {
    var k = 0;
    for (var i = 0; i < spec.controls.length; i += 1) { k = k * spec.controls[i].labels.length + pos[i]; }
    return k;
  }

  function positions(spec, k) {
    var pos = [];
    for (var i = spec.controls.length - 1; i >= 0; i -= 1) {
      var n = spec.controls[i].labels.length;
      pos.unshift(k % n);
      k = Math.floor(k / n);
    }
    return pos;
  }

  function escapeText(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* Build the controls into root (before its readout and picture, created if missing) and show frames.
     spec: {controls: [{symbol, label, labels, bounds}], start: [position per control], alt, canvas}
     source: {get(k) -> {src, readout} or null, want(k): ask for frame k now, listen(fn): fn(k) on arrival,
              moved(pos): the reader moved (the notebook syncs it to the kernel; optional)}
     Returns {setPositions(pos), positions(), show()}. */
  function mount(root, spec, source) {
    var pos = spec.start.slice();
    var shown = null;
    root.classList.add("wdlab-flipbook");
    root.setAttribute("data-lm-suppress-shortcuts", "true");   // JupyterLab / Notebook 7: keys stay here
    var readout = root.querySelector(".wdlab-flipbook-readout");
    var pic = root.querySelector(".wdlab-flipbook-frame");
    if (!readout) { readout = el("div", "wdlab-flipbook-readout", root); }
    if (!pic) {   // the notebooks: a canvas, drawn from frames decoded ahead of time (a swap costs no decoding)
      pic = el(spec.canvas ? "canvas" : "img", "wdlab-flipbook-frame", root);
      if (spec.canvas) { pic.setAttribute("role", "img"); }
    }
    readout.setAttribute("aria-live", "polite");
    var drawing = null;   // a frame whose decoded picture is not ready yet
    var box = el("div", "wdlab-flipbook-controls");
    root.insertBefore(box, readout);
    var inputs = [], boxes = [];
    spec.controls.forEach(function (c, i) {
      uid += 1;
      var id = "wdlab-flipbook-" + uid;
      var row = el("div", "wdlab-flipbook-control", box);
      var label = el("label", "wdlab-flipbook-label", row);
      label.htmlFor = id;
      label.textContent = c.label;
      var range = el("input", "wdlab-flipbook-input", row);
      range.type = "range";
      range.id = id;
      range.min = "0";
      range.max = String(c.labels.length - 1);
      range.step = "1";
      range.value = String(pos[i]);
      range.setAttribute("data-lm-suppress-shortcuts", "true");   // Lumino checks the focused element itself
      var typed = el("label", "wdlab-flipbook-value", row);
      typed.appendChild(document.createTextNode(c.symbol + " = "));
      var text = el("input", "wdlab-flipbook-box", typed);
      text.type = "text";
      text.inputMode = "decimal";
      text.size = 7;
      text.setAttribute("data-lm-suppress-shortcuts", "true");
      text.setAttribute("aria-label", "type a value of " + c.symbol + " (snaps to the slider's grid)");
      range.addEventListener("input", function () { move(i, Number(range.value)); });
      text.addEventListener("change", function () { typedValue(i); });
      text.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") { ev.preventDefault(); typedValue(i); }
      });
      inputs.push(range);
      boxes.push(text);
    });

    function typedValue(i) {
      var v = parseFloat(boxes[i].value);
      if (isNaN(v)) {   // not a number: put the current value back
        boxes[i].value = spec.controls[i].labels[pos[i]];
        return;
      }
      var j = snapIndex(spec.controls[i], v);
      inputs[i].value = String(j);
      move(i, j);
      boxes[i].value = spec.controls[i].labels[j];   // the snapped value, also when it did not move
    }

    function move(i, j) {
      if (pos[i] === j) { return; }
      pos[i] = j;
      show();
      if (source.moved) { source.moved(pos.slice()); }
    }

    function valuesText() {
      return spec.controls.map(function (c, i) { return c.symbol + " = " + c.labels[pos[i]]; }).join(", ");
    }

    function show() {
      spec.controls.forEach(function (c, i) {
        var t = c.symbol + " = " + c.labels[pos[i]];
        inputs[i].value = String(pos[i]);
        inputs[i].setAttribute("aria-valuetext", t);
        if (document.activeElement !== boxes[i]) { boxes[i].value = c.labels[pos[i]]; }
      });
      var k = flatIndex(spec, pos);
      var frame = source.get(k);
      if (!frame) {
        root.setAttribute("data-waiting", String(k));
        readout.innerHTML = "<span class=\"wdlab-flipbook-wait\">drawing " + escapeText(valuesText()) + " …</span>";
        source.want(k);
        return;
      }
      root.removeAttribute("data-waiting");
      drawing = null;
      if (!frame.src) { done(frame, k); return; }   // its update raised: the readout says so, the picture stays
      var label = (spec.alt || "slider figure at") + " " + valuesText();
      if (pic.tagName === "IMG") {
        pic.alt = label;
        if (pic.getAttribute("src") !== frame.src) { pic.src = frame.src; }
      } else if (frame.bitmap) {
        pic.setAttribute("aria-label", label);
        if (root.getAttribute("data-src") !== frame.src) {
          if (pic.width !== frame.bitmap.width || pic.height !== frame.bitmap.height) {
            pic.width = frame.bitmap.width;
            pic.height = frame.bitmap.height;
          }
          pic.getContext("2d").drawImage(frame.bitmap, 0, 0);
        }
      } else {   // it has just arrived: drawn once decoded, unless the reader moved on
        drawing = frame;
        frame.ready.then(function () { if (drawing === frame) { show(); } });
        return;
      }
      root.setAttribute("data-src", frame.src);
      done(frame, k);
    }

    function done(frame, k) {   // picture, readout and data-frame change together
      if (shown !== k || readout.innerHTML !== frame.readout) { readout.innerHTML = frame.readout; }
      root.setAttribute("data-frame", String(k));
      root.toggleAttribute("data-error", !frame.src);
      shown = k;
    }

    var unlisten = source.listen(function (k) {
      if (k === flatIndex(spec, pos)) { show(); }
    });
    show();
    return {
      show: show,
      dispose: unlisten,
      positions: function () { return pos.slice(); },
      setPositions: function (p) {
        if (p.length === pos.length && p.every(function (v, i) { return v === pos[i]; })) { return; }
        pos = p.slice();
        show();
      }
    };
  }

  /* ---------------------------------------------------------------- the notebooks (anywidget) */
  // Frames asked of the kernel per message: the first message asks for CHUNK, the next ones for about
  // CHUNK_SECONDS of the kernel's drawing (as it reports it), so a move to a missing frame is served soon and
  // frames the kernel already has (a page reload, a second view) come in one or two messages.
  var CHUNK = 4, CHUNK_SECONDS = 0.2, CHUNK_MAX = 32;
  // The position is sent to the kernel this long after a move (one message for a quick run of moves), so
  // the move's frame is painted before any websocket traffic.
  var SYNC_MS = 120;

  function kernelSource(model) {
    var spec = model.get("spec");
    var total = spec.controls.reduce(function (n, c) { return n * c.labels.length; }, 1);
    var frames = new Map();      // k -> {src, readout, img}
    var failed = new Set();      // frames whose update raised: asked again only when the reader goes there
    var pending = new Set();
    var listeners = [];
    var started = false, inflight = 0, center = flatIndex(spec, model.get("index")), chunk = CHUNK;
    var stats = {requested: null, complete: null, frames: 0, total: total, messages: 0};

    function add(k, png, readout) {
      var old = frames.get(k);
      if (old && old.src) { URL.revokeObjectURL(old.src); }
      if (old && old.bitmap) { old.bitmap.close(); }
      var blob = new Blob([png], {type: "image/png"});
      var f = {src: URL.createObjectURL(blob), readout: readout, bitmap: null};
      f.ready = createImageBitmap(blob).then(function (bm) { f.bitmap = bm; }, function () {});   // decoded now
      frames.set(k, f);
      failed.delete(k);
    }

    // The frame the kernel drew itself (when the cell ran, or for a move made in Python); no PNG = its
    // update raised: the error is shown once (the picture stays) and the frame is asked again next time.
    function poster() {
      var png = model.get("png");
      var k = flatIndex(spec, model.get("png_index"));
      if (png && png.byteLength) {
        add(k, png, model.get("readout_html"));
      } else {
        failed.add(k);
        frames.set(k, {src: null, readout: model.get("readout_html"), transient: true});
      }
      return k;
    }
    function dropTransient(k) {
      var f = frames.get(k);
      if (f && f.transient) { frames.delete(k); }
    }
    var first = poster();

    function notify(k) { listeners.forEach(function (fn) { fn(k); }); }

    function request(list) {
      list.forEach(function (k) { pending.add(k); });
      inflight += 1;
      stats.messages += 1;
      model.send({type: "frames", indices: list});
    }

    function missing() {   // prerender order: nearest to the current frame first
      var order = spec.prerender || null;
      var out = [];
      if (order) {
        order.forEach(function (k) { if (!frames.has(k) && !pending.has(k) && !failed.has(k)) { out.push(k); } });
        out.sort(function (a, b) { return Math.abs(a - center) - Math.abs(b - center); });
        return out;
      }
      for (var d = 0; d < total; d += 1) {
        [center + d, center - d].forEach(function (k) {
          if (k >= 0 && k < total && (d > 0 || k === center) && !frames.has(k) && !pending.has(k) && !failed.has(k)
              && out.indexOf(k) < 0) { out.push(k); }
        });
      }
      return out;
    }

    function pump() {
      if (!started || inflight > 0) { return; }
      var next = missing().slice(0, chunk);
      if (next.length) { request(next); } else if (stats.complete === null) {
        stats.complete = performance.now();
      }
    }

    model.on("msg:custom", function (msg, buffers) {
      if (!msg || msg.type !== "frames") { return; }
      inflight = Math.max(0, inflight - 1);
      if (msg.indices.length > 1 && msg.seconds >= 0) {
        var per = Math.max(msg.seconds / msg.indices.length, 0.001);
        chunk = Math.max(2, Math.min(CHUNK_MAX, Math.round(CHUNK_SECONDS / per)));
      }
      var b = 0;
      msg.indices.forEach(function (k, i) {
        pending.delete(k);
        if (msg.ok[i]) {
          add(k, buffers[b], msg.readouts[i]);
          b += 1;
          stats.frames = frames.size;
        } else {
          failed.add(k);
          frames.set(k, {src: null, readout: msg.readouts[i], transient: true});
        }
        notify(k);
        dropTransient(k);
      });
      pump();
    });

    // Changes made by the kernel (a move made in Python re-renders there: png, png_index, readout_html and
    // index arrive in one message): take the new picture first, then move the views.
    var queued = false, newPoster = false, followers = [];
    var toSync = null, syncTimer = null;
    function sync() {
      syncTimer = null;
      model.set("index", toSync);
      model.save_changes();
    }
    function changed(isPoster) {
      newPoster = newPoster || isPoster;
      if (queued) { return; }
      queued = true;
      Promise.resolve().then(function () {
        queued = false;
        var k = null;
        if (newPoster) { newPoster = false; k = poster(); }
        if (syncTimer === null) { followers.forEach(function (fn) { fn(model.get("index")); }); }
        if (k !== null) { notify(k); dropTransient(k); }
      });
    }
    ["change:png", "change:png_index", "change:readout_html"].forEach(function (ev) {
      model.on(ev, function () { changed(true); });
    });
    model.on("change:index", function () { changed(false); });

    return {
      spec: spec,
      stats: stats,
      get: function (k) { return frames.get(k) || null; },
      want: function (k) {
        center = k;
        if (!frames.has(k) && !pending.has(k)) { request([k]); }
      },
      listen: function (fn) {
        listeners.push(fn);
        return function () { listeners = listeners.filter(function (f) { return f !== fn; }); };
      },
      follow: function (fn) { followers.push(fn); },
      unfollow: function (fn) { followers = followers.filter(function (f) { return f !== fn; }); },
      start: function () {
        dropTransient(first);   // the views have shown it
        if (started) { return; }
        started = true;
        stats.requested = performance.now();
        pump();
      },
      moved: function (pos) {
        center = flatIndex(spec, pos);
        toSync = pos;
        if (syncTimer === null) { syncTimer = setTimeout(sync, SYNC_MS); }
      },
      dispose: function () {
        frames.forEach(function (f) {
          if (f.src) { URL.revokeObjectURL(f.src); }
          if (f.bitmap) { f.bitmap.close(); }
        });
        frames.clear();
      }
    };
  }

  var sources = new WeakMap();

  function initialize(ctx) {
    var src = kernelSource(ctx.model);
    sources.set(ctx.model, src);
    return function () { src.dispose(); };
  }

  function render(ctx) {
    var model = ctx.model;
    var src = sources.get(model) || kernelSource(model);
    sources.set(model, src);
    var root = el("div", "wdlab-flipbook", ctx.el);
    root.setAttribute("data-total", String(src.stats.total));
    var book = mount(root, {controls: src.spec.controls, start: model.get("index"), alt: src.spec.alt, canvas: true},
                     src);
    root.wdlabStats = src.stats;
    root.wdlabSpec = src.spec.controls;
    var follow = function (pos) { book.setPositions(pos); };
    src.follow(follow);
    src.start();   // frames are rendered on first view: a headless run (nbval, nbgrader) pays nothing
    return function () { src.unfollow(follow); book.dispose(); };
  }

  /* ---------------------------------------------------------------- the website (classic script) */
  function staticSource(data) {
    var preloaded = false;
    return {
      get: function (k) { return data.frames[k] || null; },
      want: function () {},
      listen: function () { return function () {}; },
      preload: function () {
        if (preloaded) { return; }
        preloaded = true;
        data.frames.forEach(function (f) { var im = new Image(); im.src = f.src; });
      }
    };
  }

  function mountStatic(fig) {
    var data = JSON.parse(fig.getAttribute("data-flipbook"));
    var src = staticSource(data);
    var start = data.controls.map(function (c) { return c.start; });
    mount(fig, {controls: data.controls, start: start, alt: fig.getAttribute("data-alt")}, src);
    ["pointerenter", "focusin", "touchstart"].forEach(function (ev) {
      fig.addEventListener(ev, src.preload, {passive: true});
    });
    fig.classList.add("wdlab-flipbook-ready");
  }

  return {snapIndex: snapIndex, flatIndex: flatIndex, positions: positions, mount: mount,
          initialize: initialize, render: render, mountStatic: mountStatic};
})();

if (typeof document !== "undefined" && document.currentScript) {   // a classic <script>: the website
  (function () {
    var init = function () {
      Array.prototype.forEach.call(document.querySelectorAll("figure.wdlab-flipbook[data-flipbook]"),
                                   wdlabFlipbook.mountStatic);
    };
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  })();
}

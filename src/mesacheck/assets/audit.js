// mesacheck audit page: evidence of the figure under the pointer or the keyboard focus,
// filters by status, links between figures. One listener per kind of event (delegation):
// no work per figure when the page opens, O(1) per event.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var panel = document.getElementById("evidence");
  var current = null;
  function figureOf(node) {
    while (node && node.nodeType === 1) {
      if (node.hasAttribute("data-figure-id")) return node.getAttribute("data-figure-id");
      if (node.hasAttribute("data-cont")) return node.getAttribute("data-cont");
      node = node.parentNode;
    }
    return null;
  }
  function show(id) {
    if (!panel || id === current) return;
    var ev = document.getElementById("ev-" + id);
    if (!ev) return;
    if (current) {
      var old = document.getElementById("ev-" + current);
      if (old) old.classList.remove("active");
      var oldFig = document.getElementById(current);
      if (oldFig) oldFig.classList.remove("current");
    }
    ev.classList.add("active");
    var fig = document.getElementById(id);
    if (fig) fig.classList.add("current");
    current = id;
    panel.setAttribute("data-showing", id);
    panel.scrollTop = 0;
  }
  document.addEventListener("mouseover", function (e) {
    var id = figureOf(e.target);
    if (id) show(id);
  });
  document.addEventListener("focusin", function (e) {
    var id = figureOf(e.target);
    if (id) show(id);
  });
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[data-goto]") : null;
    if (a) {
      var target = document.getElementById(a.getAttribute("data-goto"));
      if (target) {
        e.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.focus();
      }
      return;
    }
    var id = figureOf(e.target);
    if (id) show(id);
  });
  document.addEventListener("keydown", function (e) {
    var id = figureOf(e.target);
    if (id && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      var ev = document.getElementById("ev-" + id);
      if (ev) { show(id); ev.focus(); }
    }
  });
  var kinds = document.querySelectorAll("input[data-filter-kind]");
  for (var j = 0; j < kinds.length; j++) {
    kinds[j].addEventListener("change", function (e) {
      var box = e.target, kind = box.getAttribute("data-filter-kind");
      document.body.classList.toggle("hide-kind-" + kind, !box.checked);
      var figs = document.querySelectorAll('mark[data-figure-id][data-kind="' + kind + '"]');
      for (var k = 0; k < figs.length; k++) figs[k].tabIndex = box.checked ? 0 : -1;
    });
  }
  var boxes = document.querySelectorAll("input[data-filter]");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function (e) {
      var box = e.target, status = box.getAttribute("data-filter");
      document.body.classList.toggle("hide-" + status, !box.checked);
      var figs = document.querySelectorAll('mark[data-figure-id][data-status="' + status + '"]');
      for (var k = 0; k < figs.length; k++) figs[k].tabIndex = box.checked ? 0 : -1;
    });
  }
})();

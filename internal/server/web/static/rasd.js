// rasd dashboard: the only script. On an article page, pointing at an
// event row lights up its evidence sentence in the text.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var rows = document.querySelectorAll("tr.event[data-sentence]");
  rows.forEach(function (row) {
    var start = row.getAttribute("data-sentence").split("-")[0];
    var anchor = document.getElementById("s" + start);
    if (!anchor) { return; }
    var sentence = anchor.nextElementSibling;
    row.addEventListener("mouseenter", function () {
      row.classList.add("active");
      var el = sentence;
      while (el && el.classList && el.classList.contains("evs")) { el.classList.add("flash"); el = el.nextElementSibling; }
    });
    row.addEventListener("mouseleave", function () {
      row.classList.remove("active");
      document.querySelectorAll(".evs.flash").forEach(function (el) { el.classList.remove("flash"); });
    });
  });
});

// Filters and pages the events; reveals the event an anchor points to. Without this script
// every event is listed.
(function () {
  "use strict";
  var list = document.getElementById("event-list");
  var form = document.getElementById("event-controls");
  if (!list || !form) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll("article.event"));
  var kind = document.getElementById("f-kind");
  var year = document.getElementById("f-year");
  var text = document.getElementById("f-text");
  var prev = document.getElementById("f-prev");
  var next = document.getElementById("f-next");
  var status = document.getElementById("f-status");
  var PAGE = 100;
  var page = 0;
  var matched = items;
  var texts = null;

  function lower(i) {
    if (!texts) { texts = items.map(function (a) { return a.textContent.toLowerCase(); }); }
    return texts[i];
  }
  function filter() {
    var q = text.value.trim().toLowerCase();
    matched = items.filter(function (a, i) {
      return (!kind.value || a.getAttribute("data-kind") === kind.value) &&
        (!year.value || a.getAttribute("data-year") === year.value) &&
        (!q || lower(i).indexOf(q) >= 0);
    });
  }
  function show() {
    var pages = Math.max(1, Math.ceil(matched.length / PAGE));
    page = Math.max(0, Math.min(page, pages - 1));
    var visible = {};
    matched.slice(page * PAGE, (page + 1) * PAGE).forEach(function (a) { visible[a.id] = true; });
    items.forEach(function (a) { a.hidden = !visible[a.id]; });
    var first = matched.length ? page * PAGE + 1 : 0;
    var last = Math.min(matched.length, (page + 1) * PAGE);
    status.textContent = (matched.length === items.length ? "" : matched.length + " of " + items.length + " events match; ") +
      (matched.length ? "showing " + first + "–" + last : "none to show") +
      (pages > 1 ? " (page " + (page + 1) + " of " + pages + ")" : "");
    prev.hidden = next.hidden = pages <= 1;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  function update() { page = 0; filter(); show(); }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || target.tagName !== "ARTICLE" || !target.hidden) { return; }
    if (matched.indexOf(target) < 0) { kind.value = ""; year.value = ""; text.value = ""; filter(); }
    page = Math.floor(matched.indexOf(target) / PAGE);
    show();
    target.scrollIntoView();
  }
  kind.addEventListener("change", update);
  year.addEventListener("change", update);
  text.addEventListener("input", update);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  prev.addEventListener("click", function () { page -= 1; show(); list.scrollIntoView(); });
  next.addEventListener("click", function () { page += 1; show(); list.scrollIntoView(); });
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-kind], [data-filter-year]"), function (a) {
    a.addEventListener("click", function () {
      kind.value = a.getAttribute("data-filter-kind") || "";
      year.value = a.getAttribute("data-filter-year") || "";
      text.value = "";
      update();
    });
  });
  window.addEventListener("hashchange", reveal);
  form.hidden = false;
  update();
  reveal();
})();

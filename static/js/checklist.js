// Long checkbox lists (countries, organisations…): a box that narrows the list as
// you type, accents and case aside. Without this script every checkbox is there
// and works; it only adds the box. No framework, no inline code (CSP).
(function () {
  "use strict";
  var MIN_OPTIONS = 8;
  var plain = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };

  function enhance(list, index) {
    var items = list.querySelectorAll("li");
    if (items.length < MIN_OPTIONS) return;
    var id = "checklist-search-" + index;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.className = "checklist__search-label";
    label.textContent = list.getAttribute("data-search-label") || "Search";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "checklist__search";
    input.setAttribute("autocomplete", "off");
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var first = list.querySelector("ul, fieldset");
    list.insertBefore(label, first);
    list.insertBefore(input, first);
    list.appendChild(status);

    input.addEventListener("input", function () {
      var wanted = plain(input.value.trim());
      var shown = 0;
      items.forEach(function (item) {
        var match = !wanted || plain(item.textContent).indexOf(wanted) !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      list.querySelectorAll(".checklist__group").forEach(function (group) {
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      status.textContent = wanted
        ? (list.getAttribute("data-shown-label") || "Shown: ") + shown
        : "";
    });
    // Enter in the box must not send the form half-chosen.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  document.querySelectorAll("[data-checklist]").forEach(enhance);
})();

// The admin's autocomplete boxes (select2) are comboboxes named by their selected
// value only: empty, they have no accessible name (WCAG 4.1.2). Name each after
// the label of the <select> it replaces, now and in inline rows added later.
(function () {
  "use strict";

  function labelOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label && !label.id) {
      label.id = select.id + "-label";
    }
    return label;
  }

  function name(element, label) {
    var named = element.getAttribute("aria-labelledby") || "";
    if (named.split(" ").indexOf(label.id) !== -1) {
      return;
    }
    // The label first, then what select2 names it by (the chosen value).
    element.setAttribute("aria-labelledby", (label.id + " " + named).trim());
  }

  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      var label = labelOf(select);
      if (!label || !box || !box.classList.contains("select2")) {
        return;
      }
      box.querySelectorAll("[role=combobox], [role=textbox], .select2-search__field").forEach(
        function (element) {
          name(element, label);
        }
      );
    });
  }

  // select2 draws its boxes when the page is ready and when an inline row is
  // added: name them whenever the page's elements change.
  var pending = false;
  function soon() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        nameBoxes();
      });
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    nameBoxes();
    new MutationObserver(soon).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
})();

// Small page actions without inline handlers, which the Content-Security-Policy forbids:
//   <form data-confirm="Удалить?">  asks before submitting;
//   <button data-print>             prints the page;
//   <input data-select-on-click>    selects its text when clicked (links to copy).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
      return;
    }
    var field = event.target.closest("[data-select-on-click]");
    if (field) {
      field.select();
    }
  });
})();

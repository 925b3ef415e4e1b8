// Person picker (people/picker.py): a click on a search result puts the person's id into the
// hidden input; typing a new name clears it, so a half-typed name is never submitted as a choice.
(function () {
  "use strict";

  function statusText(label, consent) {
    return "Выбран: " + label + (consent === "1" ? "" : " — нет согласия на обработку ПДн");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-picker] [data-person-id]");
    if (!button) return;
    var picker = button.closest("[data-picker]");
    picker.querySelector("[data-picker-value]").value = button.dataset.personId;
    picker.querySelector("[data-picker-search]").value = button.dataset.personLabel;
    var status = picker.querySelector("[data-picker-status]");
    status.textContent = statusText(button.dataset.personLabel, button.dataset.personConsent);
    status.classList.toggle("warn", button.dataset.personConsent !== "1");
    picker.querySelector("[data-picker-results]").innerHTML = "";
  });

  document.addEventListener("input", function (event) {
    var search = event.target.closest("[data-picker-search]");
    if (!search) return;
    var picker = search.closest("[data-picker]");
    picker.querySelector("[data-picker-value]").value = "";
    picker.querySelector("[data-picker-status]").textContent = "Выберите человека из списка.";
  });
})();

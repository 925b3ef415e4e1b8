// Conditional questions (show_if of SCHEMA.md) on the answer page. The server decides what is
// required and drops hidden answers; this only hides what does not apply yet.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-survey]");
  if (!form) { return; }
  function values(id) {
    return Array.from(form.querySelectorAll('[name="q_' + id + '"]'))
      .filter(function (el) { return (el.type !== "radio" && el.type !== "checkbox") || el.checked; })
      .map(function (el) { return el.value; });
  }
  function shown(cond) {
    if (cond.any_le !== undefined) {
      return (cond.questions || [cond.question]).some(function (id) {
        return values(id).some(function (v) { return v !== "" && Number(v) <= cond.any_le; });
      });
    }
    var answered = values(cond.question);
    if (cond.equals !== undefined) { return answered.indexOf(String(cond.equals)) >= 0; }
    if (cond["in"] !== undefined) { return cond["in"].map(String).some(function (v) { return answered.indexOf(v) >= 0; }); }
    return true;
  }
  function update() {
    form.querySelectorAll("fieldset[data-show-if]").forEach(function (fs) {
      fs.hidden = !shown(JSON.parse(fs.dataset.showIf));
    });
  }
  form.addEventListener("change", update);
  update();
});

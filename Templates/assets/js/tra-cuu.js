// "Tra cứu tạp chí in": pick a year and a number, go to that issue's page.
// Without scripts the form simply opens the archive of all issues. The list of issues
// (tap-chi-in/index.json) is fetched only when a reader uses the form.
(function () {
  "use strict";
  function setUp(form) {
    var year = form.querySelector("select[name=nam]");
    var number = form.querySelector("select[name=so]");
    var index = null;
    var loading = null;

    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute("data-index"))
          .then(function (response) { return response.ok ? response.json() : {}; })
          .then(function (data) { index = data; return data; })
          .catch(function () { index = {}; return index; });
      }
      return loading;
    }

    function fillNumbers() {
      var issues = (index && index[year.value]) || [];
      number.textContent = "";
      issues.forEach(function (issue) {
        var option = document.createElement("option");
        option.value = issue[2];
        option.textContent = issue[0] + (issue[1] ? " (" + issue[1] + ")" : "");
        number.appendChild(option);
      });
      number.disabled = issues.length === 0;
    }

    year.addEventListener("change", function () { load().then(fillNumbers); });
    year.addEventListener("focus", load, { once: true });
    number.addEventListener("focus", load, { once: true });
    load().then(fillNumbers);
    form.addEventListener("submit", function (event) {
      if (!number.disabled && number.value) {
        event.preventDefault();
        window.location.href = number.value;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.issue-lookup"), setUp);
  });
})();

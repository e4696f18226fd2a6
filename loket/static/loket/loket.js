// Loaded in <head>, before the body: marks that scripts run, so theme.css shows the
// phone menu button only when uswds.min.js can open it (without scripts the
// navigation stays open as a plain list).
document.documentElement.classList.add("loket-js");
// A form's error summary takes the focus, so keyboard and screen-reader users hear
// what to fix first and can follow its links to the fields (docs/design.md).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
// "Print" buttons (the survey QR poster): the browser's print dialog, A4 (theme.css).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

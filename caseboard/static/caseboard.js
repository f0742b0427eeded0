/* Caseboard's own script (the CSP allows scripts from this site only, never inline ones).
   Everything works without it: it only keeps focus where a person expects it around the
   reply forms that htmx opens in place on the case page. */
(function () {
  "use strict";

  // The server names what takes focus after an htmx swap, in its response header
  // HX-Trigger-After-Settle: {"caseboard:focus": {"target": "#reply-..."}}; htmx fires this
  // event on that element. A new reply may be the first in its thread, whose list was hidden.
  document.addEventListener("caseboard:focus", function (event) {
    var element = event.target;
    var hidden = element.closest("[hidden]");
    if (hidden) hidden.hidden = false;
    element.setAttribute("tabindex", "-1");
    element.focus();
  });

  // "Cancel" under a reply form opened in place closes it, and focus goes back to the link
  // that opened it. (On the reply page, the same control is a link back to the case.)
  document.addEventListener("click", function (event) {
    var cancel = event.target.closest("[data-cancel-reply]");
    var slot = cancel && cancel.closest(".reply-slot");
    if (!slot) return;
    event.preventDefault();
    slot.replaceChildren();
    var opener = document.querySelector('[aria-controls="' + slot.id + '"]');
    if (opener) opener.focus();
  });
})();

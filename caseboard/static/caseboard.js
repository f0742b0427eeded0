/* Caseboard's own script (the CSP allows scripts from this site only, never inline ones).
   Everything works without it: it opens reply forms in place on the case page, with htmx,
   and keeps focus where a person expects it around them. */
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

  // "Reply to this verdict" and "Answer" lead to the reply page; here they open its form in
  // place instead, with htmx, in a slot made under the link (a new tab still gets the page).
  function slotUnder(link) {
    var holder = link.parentElement;
    var slot = holder.nextElementSibling;
    if (slot && slot.classList.contains("reply-slot")) return slot;
    var answering = new URL(link.href).searchParams;
    slot = document.createElement("div");
    slot.className = "reply-slot";
    slot.id = answering.get("parent")
      ? "reply-slot-reply-" + answering.get("parent")
      : "reply-slot-verdict-" + answering.get("verdict");
    holder.after(slot);
    link.setAttribute("aria-controls", slot.id);
    return slot;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href*='/reply?']");
    if (!link || !window.htmx || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var slot = slotUnder(link);
    window.htmx.ajax("GET", link.href, { source: link, target: slot, swap: "innerHTML" });
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

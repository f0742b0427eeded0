/* The proof of work (caseboard/proof_of_work.py), on pages whose forms carry one: the ALTCHA
   widget (pinned, fetched at install: scripts/fetch_vendor.py) solves a small sum in the
   background from page load, with nothing to see or click. Without JavaScript the forms
   still work: what is sent then waits for a moderator, and the person is told so.

   A module: the widget's script runs first, then this, before any widget starts solving. */
import "./vendor/altcha.min.js";

(function () {
  "use strict";

  // The widget build without inline workers (the CSP allows scripts from this site only):
  // its PBKDF2 worker, from this site.
  var workerUrl = new URL("vendor/altcha-pbkdf2.js", import.meta.url);
  globalThis.$altcha.algorithms.set("PBKDF2/SHA-256", function () {
    return new Worker(workerUrl);
  });

  // A challenge expires after hours (PROOF_OF_WORK_EXPIRES_SECONDS): a form left open that
  // long solves a fresh one. The widget's events do not bubble, hence the capture.
  document.addEventListener("expired", function (event) {
    var widget = event.target;
    if (widget.localName === "altcha-widget" && widget.verify) widget.verify();
  }, true);

  // Sent before the widget has its solution (a password manager fills a form in at once;
  // a second form's widget starts only when its form is used): start it if it has not
  // started, wait a little, then send the form as it was sent. If the check did not finish
  // (Caseboard refused the challenge, the connection dropped), say so with the form, so
  // the person is not told they lack JavaScript.
  var WAIT_MS = 2000;
  var STATE_FIELD = "altcha_state";
  var markUnfinished = function (form, widget) {
    var state = widget.getState ? widget.getState() : "";
    var field = form.querySelector('input[name="' + STATE_FIELD + '"]');
    if (state === "verified") {
      if (field) field.remove();
      return;
    }
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = STATE_FIELD;
      form.appendChild(field);
    }
    field.value = "unfinished";
  };
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var widget = form.querySelector("altcha-widget");
    if (form.dataset.proofResent) {  // sent again below: on its way
      delete form.dataset.proofResent;
      return;
    }
    if (!widget || !widget.getState) return;
    var state = widget.getState();
    if (state !== "verifying" && state !== "unverified") {
      markUnfinished(form, widget);
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (form.dataset.waitingForProof) return;  // a second click while it waits
    form.dataset.waitingForProof = "1";
    var submitter = event.submitter && event.submitter.form === form ? event.submitter : null;
    var timer;
    var onChange = function (change) {
      var next = change.detail && change.detail.state;
      if (next && next !== "verifying" && next !== "unverified") send();
    };
    var send = function () {
      widget.removeEventListener("statechange", onChange);
      clearTimeout(timer);
      delete form.dataset.waitingForProof;
      markUnfinished(form, widget);
      form.dataset.proofResent = "1";
      if (submitter) form.requestSubmit(submitter);
      else form.requestSubmit();
    };
    widget.addEventListener("statechange", onChange);
    timer = setTimeout(send, WAIT_MS);
    if (state === "unverified" && widget.verify) widget.verify();
  }, true);
})();

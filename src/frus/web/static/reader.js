/* frus reader: small progressive enhancements for the document page.
   Without this file every feature still works: the citation can be selected
   by hand, and footnote markers jump to the notes at the end. */
(function () {
  "use strict";

  /* ---- Copy the citation ---- */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // older browsers, or a page not served from a secure origin
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function setUpCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var status = button.parentNode.querySelector(".copy-status");
    var timer = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.replace(/\s+/g, " ").trim();
      copyText(text).then(function () {
        if (status) { status.textContent = "Copied"; }
        source.classList.add("copied");
      }, function () {
        if (status) { status.textContent = "Select the text and copy it by hand"; }
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      });
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (status) { status.textContent = ""; }
        source.classList.remove("copied");
      }, 4000);
    });
  }

  /* ---- Footnotes that open where they are called ---- */

  function noteFor(link) {
    var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
    var item = id && document.getElementById(id);
    return item && item.querySelector(".note-text") ? item : null;
  }

  function openInPlace(link, item) {
    var sup = link.parentNode;
    var next = sup.nextElementSibling;
    if (next && next.classList.contains("fn-inline")) {
      next.parentNode.removeChild(next);
      link.setAttribute("aria-expanded", "false");
      return;
    }
    var box = document.createElement("span");
    box.className = "fn-inline";
    box.setAttribute("role", "note");
    var marker = document.createElement("span");
    marker.className = "fn-inline-marker";
    marker.textContent = link.textContent;
    box.appendChild(marker);
    var text = item.querySelector(".note-text").cloneNode(true);
    // the copy must not repeat ids or the "back to text" link
    Array.prototype.forEach.call(text.querySelectorAll("[id], .back, .visually-hidden"), function (el) {
      if (el.classList.contains("back") || el.classList.contains("visually-hidden")) {
        el.parentNode.removeChild(el);
      } else {
        el.removeAttribute("id");
      }
    });
    var body = document.createElement("span");
    body.className = "fn-inline-text";
    while (text.firstChild) { body.appendChild(text.firstChild); }
    box.appendChild(body);
    var all = document.createElement("a");
    all.className = "fn-inline-all";
    all.href = "#" + item.id;
    all.textContent = "In the notes";
    box.appendChild(all);
    sup.parentNode.insertBefore(box, sup.nextSibling);
    link.setAttribute("aria-expanded", "true");
  }

  function setUpNotes() {
    Array.prototype.forEach.call(document.querySelectorAll("sup.fnref a[href^='#']"), function (link) {
      var item = noteFor(link);
      if (!item) { return; }
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("click", function (event) {
        // a modified click still follows the link to the notes
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
        event.preventDefault();
        openInPlace(link, item);
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), setUpCopy);
    setUpNotes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

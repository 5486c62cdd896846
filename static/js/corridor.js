/* The portal's small script: CSRF for htmx requests, and tidy-ups that
 * progressive enhancement needs. No inline scripts anywhere, so a strict
 * Content-Security-Policy can forbid them. */
(function () {
  "use strict";

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
    /* A filter form marked data-drop-empty leaves its empty fields (and those
     * left at their data-default) out of the URL, so the address names only the filters chosen. */
    var form = event.detail.elt;
    if (form.hasAttribute && form.hasAttribute("data-drop-empty") && event.detail.formData) {
      var data = event.detail.formData;
      var empty = [];
      data.forEach(function (value, name) {
        if (value === "" && data.getAll(name).every(function (v) { return v === ""; })) {
          empty.push(name);
        }
      });
      form.querySelectorAll("[data-default]").forEach(function (field) {
        if (data.getAll(field.name).join() === field.getAttribute("data-default")) {
          empty.push(field.name);
        }
      });
      empty.forEach(function (name) { data.delete(name); });
    }
  });

  /* Elements marked data-js-only are hidden without JavaScript; elements marked
   * data-no-js are the fallback and go away once scripts run. */
  function enhance(root) {
    root.querySelectorAll("[data-js-only]").forEach(function (el) {
      el.hidden = false;
    });
    root.querySelectorAll("[data-no-js]").forEach(function (el) {
      el.hidden = true;
    });
  }

  /* A table wider than the screen scrolls inside its .table-wrap. When the
   * table holds nothing focusable, the wrapper itself takes focus (a named
   * region) so keyboard users can scroll it too; it gives the focus back up
   * once the table fits again. */
  function regionName(wrap) {
    var caption = wrap.querySelector("caption");
    var section = wrap.closest("section, main");
    var heading = caption || (section && section.querySelector("h1, h2, h3"));
    return heading ? heading.textContent.trim() : document.title;
  }

  function scrollable(wrap) {
    var overflows = wrap.scrollWidth > wrap.clientWidth + 1;
    var focusable = wrap.querySelector("a[href], button, input, select, textarea, [tabindex]");
    if (overflows && !focusable) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", regionName(wrap));
      wrap.dataset.scrollFocus = "";
    } else if (!overflows && "scrollFocus" in wrap.dataset) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      delete wrap.dataset.scrollFocus;
    }
  }

  var resizes = window.ResizeObserver
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          scrollable(entry.target);
        });
      })
    : null;

  function watchTables(root) {
    root.querySelectorAll(".table-wrap").forEach(function (wrap) {
      scrollable(wrap);
      if (resizes) {
        resizes.observe(wrap);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");
    enhance(document);
    watchTables(document);
    /* The phone's menu button opens and closes the menu. */
    var toggle = document.querySelector(".site-menu-toggle");
    var menu = document.getElementById("site-menu");
    if (toggle && menu) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        menu.classList.toggle("is-open", open);
      });
    }
    /* A form's error summary takes the focus, so it is read first. */
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    }
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
    watchTables(event.detail.elt);
  });

  /* A button marked data-confirm asks first, in a dialog; the server asks
   * the same on a page of its own when there is no JavaScript (it waits for
   * "confirmed"). */
  function confirmFirst(form, submitter) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-text");
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    text.textContent = submitter.getAttribute("data-confirm");
    var actions = document.createElement("div");
    actions.className = "actions";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.textContent = submitter.getAttribute("data-confirm-yes") || "OK";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button--secondary";
    no.textContent = submitter.getAttribute("data-confirm-no") || "Cancel";
    actions.append(yes, no);
    dialog.append(text, actions);
    document.body.append(dialog);
    dialog.addEventListener("close", function () {
      dialog.remove();
      submitter.focus();
    });
    no.addEventListener("click", function () { dialog.close(); });
    yes.addEventListener("click", function () {
      var confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "confirmed";
      confirmed.value = "1";
      form.append(confirmed);
      dialog.close();
      form.requestSubmit(submitter);
    });
    dialog.showModal();
    no.focus();
  }

  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var form = event.target;
    if (!submitter || !submitter.hasAttribute("data-confirm")) {
      return;
    }
    if (form.querySelector("input[name=confirmed]")) {
      return;
    }
    event.preventDefault();
    confirmFirst(form, submitter);
  });

  /* Move focus to a swapped region that asks for it, so keyboard and screen
   * reader users land where the change happened. */
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var focus = target && target.querySelector("[data-focus-after-swap]");
    if (focus) {
      focus.focus();
    }
  });
})();

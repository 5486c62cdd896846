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
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
    watchTables(event.detail.elt);
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

// The area picker (jiuye/web/core/areas.py): pick a suggested area into the hidden code input;
// typing again empties the code, so that what is typed is what the server resolves.
(function () {
  "use strict";

  function box(element) {
    return element && element.closest ? element.closest(".area-picker") : null;
  }

  function close(picker) {
    const list = picker.querySelector(".area-options");
    list.replaceChildren();
    picker.querySelector("input[type=search]").setAttribute("aria-expanded", "false");
  }

  function pick(option) {
    const picker = box(option);
    const text = picker.querySelector("input[type=search]");
    picker.querySelector("input[type=hidden]").value = option.dataset.code;
    text.value = option.dataset.label;
    close(picker);
    text.focus();
  }

  document.addEventListener("input", function (event) {
    const picker = box(event.target);
    if (picker && event.target.type === "search") {
      picker.querySelector("input[type=hidden]").value = "";
    }
  });

  document.addEventListener("click", function (event) {
    const option = event.target.closest(".area-picker [data-code]");
    if (option) {
      pick(option);
      return;
    }
    document.querySelectorAll(".area-picker").forEach(function (picker) {
      if (!picker.contains(event.target)) close(picker);
    });
  });

  document.addEventListener("keydown", function (event) {
    const picker = box(event.target);
    if (!picker) return;
    const options = Array.from(picker.querySelectorAll("[data-code]"));
    const at = options.indexOf(event.target);
    if (event.key === "ArrowDown" && options.length) {
      options[Math.min(at + 1, options.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? picker.querySelector("input[type=search]") : options[at - 1]).focus();
      event.preventDefault();
    } else if (event.key === "Escape") {
      close(picker);
    } else if (event.key === "Enter" && at < 0 && options.length === 1) {
      pick(options[0]); // the only match: Enter takes it rather than sending the form
      event.preventDefault();
    }
  });

  // A suggestion that arrives after a pick (typed fast, then tapped) must not reopen the list.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const picker = box(event.detail.target);
    if (!picker) return;
    const text = picker.querySelector("input[type=search]");
    if (picker.querySelector("input[type=hidden]").value) {
      event.detail.shouldSwap = false;
    } else {
      text.setAttribute("aria-expanded", "true");
    }
  });
})();

// The plan engine's script (overrides/plan.html): keeps a plan (the household plan at /plan/,
// the community plan at /community-plan/...) in this browser's localStorage only, restores it
// on the next visit, adds and removes rows, saves it to a file and loads it back, and fills in
// the plan's sheet (a wallet card or a contact sheet). One script serves every plan: it reads
// the plan's keys, storage key, file format and file name from the page's own markup.
// Nothing the person types is sent anywhere: no fetch, no beacon, no form submission.
// Everything read from storage or a file is checked against the form's own shape and written
// back with .value, .checked and .textContent only, never as HTML.
(function () {
  "use strict";

  var VERSION = 1;
  // Far more than any real plan needs; stops a huge file from freezing the page
  // (act/plans.py: MAX_FILE_BYTES, MAX_ROWS, MAX_ANSWER, also in the published JSON Schema).
  var MAX_FILE_BYTES = 1024 * 1024;
  var MAX_ROWS = 30;
  var MAX_ANSWER = 20000;

  // Set by setUp from the form's data-plan-* attributes.
  var STORAGE_KEY, FORMAT, FILE_NAME, PLAN_NAME, OTHERS;

  function notAPlan() {
    return "This file is not a " + PLAN_NAME + " saved from this page, so it has not been loaded. " +
      "Choose the file you saved with \u201cSave my plan to a file\u201d. It usually ends in .json.";
  }

  function wrongAnswer(what) {
    return "This file has not been loaded: " + what + ". It may have been changed or damaged since " +
      "it was saved. Nothing in your plan has changed.";
  }

  function isPlainObject(value) {
    return Object.prototype.toString.call(value) === "[object Object]";
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  // --- The shape of a plan, read from the form itself ---------------------------------

  function readShape(form) {
    var shape = { fields: {}, fieldOrder: [], choices: {}, groups: {}, groupOrder: [] };
    form.querySelectorAll("[data-plan-field]").forEach(function (control) {
      var key = control.getAttribute("data-plan-field");
      // Radio buttons share a key: one answer, which must be one of their values.
      if (control.type === "radio") {
        if (!has(shape.choices, key)) {
          shape.choices[key] = [];
          shape.fields[key] = "string";
          shape.fieldOrder.push(key);
        }
        shape.choices[key].push(control.value);
        return;
      }
      shape.fields[key] = control.type === "checkbox" ? "boolean" : "string";
      shape.fieldOrder.push(key);
    });
    form.querySelectorAll("[data-plan-group]").forEach(function (group) {
      var name = group.getAttribute("data-plan-group");
      var firstRow = group.querySelector("[data-plan-row]");
      var keys = [];
      firstRow.querySelectorAll("[data-plan-key]").forEach(function (control) {
        keys.push(control.getAttribute("data-plan-key"));
      });
      shape.groups[name] = { keys: keys, defaultRows: group.querySelectorAll("[data-plan-row]").length };
      shape.groupOrder.push(name);
    });
    return shape;
  }

  function emptyPlan(shape) {
    var plan = { format: FORMAT, version: VERSION, fields: {}, groups: {} };
    shape.fieldOrder.forEach(function (key) {
      plan.fields[key] = shape.fields[key] === "boolean" ? false : "";
    });
    shape.groupOrder.forEach(function (name) {
      var group = shape.groups[name];
      plan.groups[name] = [];
      for (var i = 0; i < group.defaultRows; i++) plan.groups[name].push(emptyRow(group.keys));
    });
    return plan;
  }

  function emptyRow(keys) {
    var row = {};
    keys.forEach(function (key) { row[key] = ""; });
    return row;
  }

  // The label people see for an answer, to name it in a message.
  function labelOf(key) {
    var control = document.querySelector("#act-plan [data-plan-field=\"" + key + "\"]");
    var label = control && control.type === "radio" ? control.closest("fieldset").querySelector("legend")
      : control && control.labels && control.labels[0];
    return label ? "\u201c" + label.textContent.trim() + "\u201d" : "an answer";
  }

  // Checks anything that claims to be a plan. Returns { plan } with every answer in the form's
  // order, or { error } saying what is wrong. Unknown keys and wrong types are refused, not
  // skipped: a file that does not look exactly like a plan is not one, and nothing of it is
  // used. The first problem found is the one reported.
  function checkPlan(data, shape) {
    if (!isPlainObject(data)) return { error: notAPlan() };
    if (data.format !== FORMAT) {
      if (typeof data.format === "string" && has(OTHERS, data.format)) {
        return { error: "This file is a " + OTHERS[data.format] + ", not a " + PLAN_NAME +
          ", so it has not been loaded here. Open it on the page for that plan." };
      }
      return { error: notAPlan() };
    }
    if (data.version !== VERSION) {
      return { error: "This plan was saved by a different version of this page, so it has not been loaded." };
    }
    var problem = null;
    function refuse(message) { if (!problem) problem = message; }
    Object.keys(data).forEach(function (key) {
      if (["format", "version", "fields", "groups"].indexOf(key) < 0) refuse(notAPlan());
    });
    var fields = has(data, "fields") ? data.fields : {};
    var groups = has(data, "groups") ? data.groups : {};
    if (!isPlainObject(fields) || !isPlainObject(groups)) refuse(notAPlan());
    if (problem) return { error: problem };

    var plan = emptyPlan(shape);
    Object.keys(fields).forEach(function (key) {
      var value = fields[key];
      if (!has(shape.fields, key)) {
        refuse(wrongAnswer("it has an answer this plan does not ask for"));
      } else if (has(shape.choices, key) && shape.choices[key].indexOf(value) < 0) {
        refuse(wrongAnswer("the answer to " + labelOf(key) + " is not one of the choices on this page"));
      } else if (typeof value !== shape.fields[key]) {
        refuse(wrongAnswer("the answer to " + labelOf(key) + " is not " +
          (shape.fields[key] === "boolean" ? "a tick or no tick" : "text")));
      } else if (typeof value === "string" && value.length > MAX_ANSWER) {
        refuse(wrongAnswer("the answer to " + labelOf(key) + " is too long"));
      } else {
        plan.fields[key] = value;
      }
    });
    Object.keys(groups).forEach(function (name) {
      var rows = groups[name];
      if (!has(shape.groups, name) || !Array.isArray(rows)) {
        refuse(wrongAnswer("it has a list of answers this plan does not ask for"));
        return;
      }
      if (rows.length > MAX_ROWS) {
        refuse(wrongAnswer("it has more than " + MAX_ROWS + " rows in one list"));
        return;
      }
      var keys = shape.groups[name].keys;
      plan.groups[name] = rows.map(function (row) {
        var clean = emptyRow(keys);
        if (!isPlainObject(row)) {
          refuse(wrongAnswer("a row of answers is not a set of answers"));
          return clean;
        }
        Object.keys(row).forEach(function (key) {
          if (keys.indexOf(key) < 0) {
            refuse(wrongAnswer("a row has an answer this plan does not ask for"));
          } else if (typeof row[key] !== "string" || row[key].length > MAX_ANSWER) {
            refuse(wrongAnswer("an answer in a row is not text, or is too long"));
          } else {
            clean[key] = row[key];
          }
        });
        return clean;
      });
    });
    return problem ? { error: problem } : { plan: plan };
  }

  // --- Reading and writing the form -----------------------------------------------------

  function collect(form, shape) {
    var plan = emptyPlan(shape);
    form.querySelectorAll("[data-plan-field]").forEach(function (control) {
      var key = control.getAttribute("data-plan-field");
      if (control.type === "radio") {
        if (control.checked) plan.fields[key] = control.value;
        return;
      }
      plan.fields[key] = control.type === "checkbox" ? control.checked : control.value;
    });
    form.querySelectorAll("[data-plan-group]").forEach(function (group) {
      var name = group.getAttribute("data-plan-group");
      plan.groups[name] = rowsOf(group).map(function (row) {
        var values = emptyRow(shape.groups[name].keys);
        row.querySelectorAll("[data-plan-key]").forEach(function (control) {
          values[control.getAttribute("data-plan-key")] = control.value;
        });
        return values;
      });
    });
    return plan;
  }

  function fill(form, plan) {
    form.querySelectorAll("[data-plan-field]").forEach(function (control) {
      var value = plan.fields[control.getAttribute("data-plan-field")];
      if (control.type === "checkbox") control.checked = value === true;
      else if (control.type === "radio") control.checked = control.value === (value || "");
      else control.value = typeof value === "string" ? value : "";
    });
    form.querySelectorAll("[data-plan-group]").forEach(function (group) {
      var values = plan.groups[group.getAttribute("data-plan-group")] || [];
      setRowCount(group, Math.max(values.length, 1));
      rowsOf(group).forEach(function (row, index) {
        row.querySelectorAll("[data-plan-key]").forEach(function (control) {
          var value = values[index] && values[index][control.getAttribute("data-plan-key")];
          control.value = typeof value === "string" ? value : "";
        });
      });
    });
  }

  function rowsOf(group) {
    return Array.prototype.slice.call(group.querySelectorAll("[data-plan-row]"));
  }

  function setRowCount(group, count) {
    var rows = rowsOf(group);
    while (rows.length > count && rows.length > 1) rows.pop().remove();
    while (rows.length < count) {
      var row = rows[0].cloneNode(true);
      row.querySelectorAll("[data-plan-key]").forEach(function (control) { control.value = ""; });
      rows[rows.length - 1].after(row);
      rows.push(row);
    }
    renumber(group);
  }

  // Ids, label targets, legends and button names follow the row's position.
  function renumber(group) {
    var name = group.getAttribute("data-plan-group");
    var rows = rowsOf(group);
    rows.forEach(function (row, index) {
      var number = String(index + 1);
      row.querySelectorAll("[data-plan-row-number]").forEach(function (span) { span.textContent = number; });
      row.querySelectorAll(".act-plan-field").forEach(function (field) {
        var control = field.querySelector("[data-plan-key]");
        var label = field.querySelector("label");
        control.id = "act-plan-" + name + "-" + number + "-" + control.getAttribute("data-plan-key");
        label.htmlFor = control.id;
      });
      row.querySelector("[data-plan-remove]").hidden = rows.length < 2;
    });
    group.querySelector("[data-plan-add]").hidden = false;
  }

  // --- The wallet card ------------------------------------------------------------------

  function joinFilled(parts, separator) {
    return parts.map(function (part) { return part.trim(); })
      .filter(function (part) { return part !== ""; }).join(separator);
  }

  // Each line of the sheet says in its markup what fills it: answers joined (data-plan-card-
  // answers), or a group's rows (data-plan-card-rows, -keys, -limit, -join).
  function cardLine(slot, plan) {
    var answers = slot.getAttribute("data-plan-card-answers");
    if (answers) {
      return joinFilled(answers.split(" ").map(function (key) {
        var value = plan.fields[key];
        return typeof value === "string" ? value : "";
      }), ": ");
    }
    var rows = plan.groups[slot.getAttribute("data-plan-card-rows")] || [];
    var keys = (slot.getAttribute("data-plan-card-keys") || "").split(" ");
    var limit = parseInt(slot.getAttribute("data-plan-card-limit"), 10) || MAX_ROWS;
    var one = slot.getAttribute("data-plan-card-join") === "comma";
    return joinFilled(rows.map(function (row) {
      // "Name: phone", or "Role: name, phone" for more answers.
      var parts = keys.map(function (key) { return row[key] || ""; });
      var first = one ? parts.join(" ") : parts[0];
      return one ? joinFilled([first], "") : joinFilled([first, joinFilled(parts.slice(1), ", ")], ": ");
    }).filter(Boolean).slice(0, limit), one ? ", " : "\n");
  }

  function updateCard(root, plan) {
    root.querySelectorAll("[data-plan-card]").forEach(function (slot) {
      slot.textContent = cardLine(slot, plan);
    });
    if (root.querySelector("[data-plan-nation]")) {
      var chosen = root.querySelector("[data-plan-nation]").getAttribute("data-plan-field");
      showNation(root, plan.fields[chosen] || "");
    }
  }

  // The numbers for the household's nation only, without their labels; every nation's,
  // labelled, until it chooses one (as the page prints without JavaScript).
  function showNation(root, nation) {
    root.querySelectorAll("[data-plan-nations]").forEach(function (el) {
      el.hidden = nation !== "" && el.getAttribute("data-plan-nations").split(" ").indexOf(nation) < 0;
    });
    root.querySelectorAll("[data-plan-where]").forEach(function (el) {
      el.hidden = nation !== "";
    });
  }

  // --- Storage: this browser only -------------------------------------------------------

  function storageWorks() {
    try {
      localStorage.setItem(STORAGE_KEY + "-test", "1");
      localStorage.removeItem(STORAGE_KEY + "-test");
      return true;
    } catch (e) {
      return false;
    }
  }

  function savePlan(plan) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(plan));
      return true;
    } catch (e) {
      return false;
    }
  }

  function loadSavedPlan(shape) {
    var text;
    try {
      text = localStorage.getItem(STORAGE_KEY);
    } catch (e) {
      return null;
    }
    if (text === null) return null;
    try {
      return checkPlan(JSON.parse(text), shape);
    } catch (e) {
      return { error: notAPlan() };
    }
  }

  // --- Files: saved and loaded on this device, never uploaded ---------------------------

  function downloadPlan(plan) {
    var blob = new Blob([JSON.stringify(plan, null, 2) + "\n"], { type: "application/json" });
    var address = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = address;
    link.download = FILE_NAME;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(address); }, 1000);
  }

  function readPlanFile(file, shape, done) {
    if (file.size > MAX_FILE_BYTES) {
      done({ error: "This file is too big to be a plan saved from this page, so it has not been " +
        "loaded. Nothing in your plan has changed." });
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try {
        data = JSON.parse(String(reader.result));
      } catch (e) {
        done({ error: "This file is damaged or is not a plan file, so it has not been loaded. Nothing in your plan has changed." });
        return;
      }
      done(checkPlan(data, shape));
    };
    reader.onerror = function () {
      done({ error: "This file could not be read. Try choosing it again." });
    };
    reader.readAsText(file);
  }

  // --- Printing ---------------------------------------------------------------------------

  var CARD_ONLY = "act-plan-print-card-only";
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove(CARD_ONLY);
  });

  // --- Putting it together ----------------------------------------------------------------

  function setUp(page) {
    var form = page.querySelector("#act-plan");
    var status = page.querySelector("#act-plan-status");
    var error = page.querySelector("#act-plan-error");
    var importer = page.querySelector("#act-plan-import");
    STORAGE_KEY = form.getAttribute("data-plan-storage");
    FORMAT = form.getAttribute("data-plan-format");
    FILE_NAME = form.getAttribute("data-plan-file");
    PLAN_NAME = form.getAttribute("data-plan-name");
    try {
      OTHERS = JSON.parse(form.getAttribute("data-plan-others") || "{}");
    } catch (e) {
      OTHERS = {};
    }
    if (!isPlainObject(OTHERS)) OTHERS = {};
    var shape = readShape(form);
    var canSave = storageWorks();

    page.querySelectorAll("[data-plan-js]").forEach(function (el) { el.hidden = false; });
    page.querySelectorAll("[data-plan-nojs]").forEach(function (el) { el.hidden = true; });
    form.querySelectorAll("[data-plan-group]").forEach(renumber);

    function say(message) {
      error.textContent = "";
      status.textContent = message;
    }

    function warn(message) {
      status.textContent = "";
      error.textContent = message;
    }

    function refresh() {
      var plan = collect(form, shape);
      updateCard(page, plan);
      return plan;
    }

    function keep() {
      var plan = refresh();
      if (canSave && !savePlan(plan)) {
        canSave = false;
        warn("Your answers could not be saved in this browser. Print your plan or save it to a file before you leave this page.");
      }
    }

    if (!canSave) {
      warn("This browser is not letting this page save your answers. Print your plan or save it to a file before you leave this page.");
    } else {
      var saved = loadSavedPlan(shape);
      if (saved && saved.plan) {
        fill(form, saved.plan);
      } else if (saved && saved.error) {
        warn("The plan saved in this browser could not be read, so the form is empty. Delete it and start again, or load a plan from a file.");
      }
    }
    refresh();

    // Nothing here submits: the form has no action and no submit button.
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);

    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !form.contains(button)) return;
      var group = button.closest("[data-plan-group]");
      if (button.hasAttribute("data-plan-add")) {
        var rows = rowsOf(group);
        if (rows.length >= MAX_ROWS) {
          warn("You cannot add more than " + MAX_ROWS + " rows here.");
          return;
        }
        setRowCount(group, rows.length + 1);
        var added = rowsOf(group).pop();
        added.querySelector("[data-plan-key]").focus();
        keep();
        say(added.querySelector("legend").textContent.trim() + " added.");
      } else if (button.hasAttribute("data-plan-remove")) {
        var row = button.closest("[data-plan-row]");
        var removed = row.querySelector("legend").textContent.trim();
        row.remove();
        renumber(group);
        group.querySelector("[data-plan-add]").focus();
        keep();
        say(removed + " removed.");
      }
    });

    var confirmBox = page.querySelector("#act-plan-delete-confirm");
    var deleteButton = page.querySelector("[data-plan-action=delete]");
    function closeConfirm() {
      confirmBox.hidden = true;
      deleteButton.setAttribute("aria-expanded", "false");
      deleteButton.focus();
    }

    page.querySelector(".act-plan-tools").addEventListener("click", function (event) {
      var button = event.target.closest("[data-plan-action]");
      if (!button) return;
      var action = button.getAttribute("data-plan-action");
      if (action === "print") {
        window.print();
      } else if (action === "print-card") {
        document.documentElement.classList.add(CARD_ONLY);
        window.print();
      } else if (action === "export") {
        downloadPlan(refresh());
        say("Your plan has been saved to a file called " + FILE_NAME + ". Look in your downloads.");
      } else if (action === "delete") {
        // Deleting cannot be undone, so it asks first.
        confirmBox.hidden = false;
        button.setAttribute("aria-expanded", "true");
        confirmBox.focus();
      } else if (action === "delete-cancelled") {
        closeConfirm();
        say("Your plan has not been deleted.");
      } else if (action === "delete-confirmed") {
        closeConfirm();
        try {
          localStorage.removeItem(STORAGE_KEY);
        } catch (e) {
          /* storage blocked: nothing was saved there */
        }
        fill(form, emptyPlan(shape));
        refresh();
        say("Your plan has been deleted from this device.");
      }
    });

    importer.addEventListener("change", function () {
      var file = importer.files && importer.files[0];
      if (!file) return;
      readPlanFile(file, shape, function (result) {
        importer.value = "";
        if (result.error) {
          warn(result.error);
          return;
        }
        fill(form, result.plan);
        keep();
        say("Your plan has been loaded from " + file.name + ".");
      });
    });
  }

  function start() {
    var page = document.querySelector(".act-plan-page");
    // Material swaps pages without reloading: bind once per page, only where the plan is.
    if (!page || !page.querySelector("#act-plan") || page.hasAttribute("data-plan-ready")) return;
    page.setAttribute("data-plan-ready", "");
    setUp(page);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// The web editor: Decap CMS with our data-file format and our CSS in the preview.
// The configuration (config.yml, beside this file) is generated from the schemas by the build.
import yaml from "./js-yaml/js-yaml.mjs";
import { writeKeeping } from "./act-yaml-keep.js";

const CMS = window.CMS;
const LIST_FIELD = "entries";
// YAML's core types plus merge keys (`<<: *base`), as `act check` reads them; no timestamps:
// js-yaml's default would turn 2026-11-30 into a JavaScript Date and write it back with a
// time, which `act check` refuses. Dates stay text, written as YYYY-MM-DD.
const SCHEMA = yaml.CORE_SCHEMA.extend([yaml.types.merge]);

// The build writes what this page needs into the attributes of the script element.
function listed(attribute) {
  const element = document.querySelector(`script[${attribute}]`);
  return element ? element.getAttribute(attribute).split(" ").filter(Boolean) : [];
}

// The data files are YAML lists at the top, which Decap's own formats cannot hold: the form
// edits them as one list field, and the file keeps its opening comment (sources, rules).
// One format per file, so each remembers its own file between reading and saving: what did
// not change is written back as it was (act-yaml-keep.js), so an edit to one helpline changes
// only that helpline's lines.
function dataFormat() {
  let header = "";
  let body = "";
  let read = [];
  const dump = (value) => yaml.dump(value, { schema: SCHEMA, lineWidth: -1, noRefs: true });
  return {
    fromFile(text) {
      const lines = text.split("\n");
      const first = lines.findIndex((line) => line.trim() && !line.startsWith("#"));
      // The opening comment as written, with the blank line after it.
      header = (first === -1 ? lines : lines.slice(0, first)).join("\n");
      body = first === -1 ? "" : lines.slice(first).join("\n");
      read = yaml.load(text, { schema: SCHEMA }) || [];
      return { [LIST_FIELD]: yaml.load(text, { schema: SCHEMA }) || [] };
    },
    toFile(data) {
      const entries = (data && data[LIST_FIELD]) || [];
      return (header ? header + "\n" : "") + writeKeeping(body, read, entries, dump);
    },
  };
}

// Dates: the browser's own date (or date-and-time) input, which keeps a typed year as typed;
// Decap's datetime widget turns "2026" into 1906-12-01. The value is text as `act check` reads
// it: YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time on UK clocks. Built with Decap's own React
// (window.h, window.createClass), so no other library is loaded.
function asText(value, time) {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, time ? 16 : 10);
  }
  return typeof value === "string" ? value.slice(0, time ? 16 : 10) : "";
}

const DateControl = window.createClass({
  isValid() {
    const field = this.props.field;
    const value = asText(this.props.value, field.get("time"));
    const min = field.get("min");
    if (value && min && value < min) {
      return { error: { message: `This date is before ${min.slice(0, 4)}: check the year.` } };
    }
    return true;
  },
  render() {
    const { field, forID, value, onChange, classNameWrapper, setActiveStyle, setInactiveStyle } =
      this.props;
    const time = Boolean(field.get("time"));
    return window.h("input", {
      type: time ? "datetime-local" : "date",
      id: forID,
      className: classNameWrapper,
      value: asText(value, time),
      min: field.get("min"),
      max: field.get("max"),
      // Cleared: empty, which the save below leaves out of the file.
      onChange: (event) => onChange(event.target.value),
      onFocus: setActiveStyle,
      onBlur: setInactiveStyle,
    });
  },
});

function DatePreview({ value, field }) {
  return window.h("span", {}, asText(value, field && field.get("time")));
}

CMS.registerWidget("act-date", DateControl, DatePreview);

// A field left empty is left out of the file: `act check` refuses `summary: ""` and reads an
// absent optional field as absent. Empty text and groups left wholly empty are removed before
// every save; false, 0 and lists (an empty list is what a data file may already hold, and
// `act check` takes it) stay as they are.
function isImmutableMap(value) {
  return Boolean(value && value["@@__IMMUTABLE_MAP__@@"]);
}
function isImmutableList(value) {
  return Boolean(value && value["@@__IMMUTABLE_LIST__@@"]);
}
function isEmpty(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (isImmutableMap(value)) return value.size === 0;
  return false;
}
function prune(value) {
  if (isImmutableMap(value)) {
    return value.map(prune).filter((item) => !isEmpty(item));
  }
  if (isImmutableList(value)) {
    return value.map(prune);
  }
  return value;
}

CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    const data = entry.get("data");
    // The data files keep their list (entries) whole: only inside each entry.
    return prune(data).set("body", data.get("body") || "");
  },
});

for (const name of listed("data-data-formats")) {
  CMS.registerCustomFormat(name, "yml", dataFormat());
}
// The preview beside the form is drawn as the site draws a page: the title, the summary and
// the body inside the site's own article element and stylesheet, not a list of raw values.
// The page exactly as published is one click away: "View preview" opens it on the deploy
// preview (each collection's preview_path).
const PagePreview = window.createClass({
  render() {
    const { entry, widgetFor } = this.props;
    const h = window.h;
    return h(
      "article",
      { className: "md-content__inner md-typeset" },
      h("h1", {}, entry.getIn(["data", "title"]) || ""),
      h("p", { className: "act-summary" }, entry.getIn(["data", "summary"]) || ""),
      widgetFor("body"),
    );
  },
});
for (const name of listed("data-content-collections")) {
  CMS.registerPreviewTemplate(name, PagePreview);
}
for (const href of listed("data-preview-styles")) {
  CMS.registerPreviewStyle(new URL(href, document.baseURI).href);
}
CMS.init();

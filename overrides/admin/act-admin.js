// The web editor: Decap CMS with our data-file format and our CSS in the preview.
// The configuration (config.yml, beside this file) is generated from the schemas by the build.
import yaml from "./js-yaml/js-yaml.mjs";

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
// One format per file, so each remembers its own comment between reading and saving.
function dataFormat() {
  let header = "";
  return {
    fromFile(text) {
      const lines = text.split("\n");
      const first = lines.findIndex((line) => line.trim() && !line.startsWith("#"));
      header = (first === -1 ? lines : lines.slice(0, first)).join("\n").trimEnd();
      return { [LIST_FIELD]: yaml.load(text, { schema: SCHEMA }) || [] };
    },
    toFile(data) {
      const entries = (data && data[LIST_FIELD]) || [];
      const body = yaml.dump(entries, { schema: SCHEMA, lineWidth: -1, noRefs: true });
      return (header ? header + "\n" : "") + body;
    },
  };
}

for (const name of listed("data-data-formats")) {
  CMS.registerCustomFormat(name, "yml", dataFormat());
}
for (const href of listed("data-preview-styles")) {
  CMS.registerPreviewStyle(new URL(href, document.baseURI).href);
}
CMS.init();

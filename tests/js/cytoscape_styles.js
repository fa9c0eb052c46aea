// Load a .cyjs network with its .style.json in cytoscape.js (headless) and print, as JSON,
// the style each element ends up with, and any warning cytoscape.js gave about the style.
// Usage: node cytoscape_styles.js NODE_MODULES_DIR NETWORK.cyjs STYLE.json
const path = require("path");
const fs = require("fs");
const warnings = [];
console.warn = (...args) => warnings.push(args.join(" "));
const cytoscape = require(path.join(process.argv[2], "cytoscape"));
const network = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const style = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
const cy = cytoscape({
  headless: true, styleEnabled: true, elements: network.elements, style, layout: { name: "preset" },
});
const out = { nodes: {}, edges: {}, warnings };
cy.nodes().forEach((n) => {
  out.nodes[n.id()] = {
    shape: n.style("shape"), background: n.style("background-color"),
    border: n.style("border-color"), label: n.style("label"),
    parent: n.parent().length ? n.parent().id() : null, children: n.children().length,
    x: n.position("x"), y: n.position("y"), width: n.width(), height: n.height(),
    bbox: n.boundingBox({ includeLabels: false }),
  };
});
cy.edges().forEach((e) => {
  out.edges[e.id()] = {
    arrow: e.style("target-arrow-shape"), line: e.style("line-style"),
    colour: e.style("line-color"), label: e.style("label"),
  };
});
console.log(JSON.stringify(out));
process.exit(0);

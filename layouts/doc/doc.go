// Package doc is the report as a format-free document: the ordered tree of
// sections, headings, paragraphs, lists, tables (header, body, group and
// sum rows), figures (chart data with a one-sentence text alternative) and
// notes, with every Swedish sentence the report says. Build makes it once
// from a report.Report and the section list of package layouts; renderers
// read it: layouts/pdf measures and draws it, and any later renderer (a
// tagged PDF, HTML, Word) takes the same tree rather than copying the
// prose.
//
// The package knows nothing about fonts, measuring text, pagination or
// files. A few hints for a paged renderer remain in the tree (a chart's and
// a spacer's height in mm, relative column widths, NewPage, KeepWithNext,
// a small table); another renderer may ignore them. It knows nothing about
// input files either: it sees only the computed report.
//
// To add a section: give it a SectionID and a place in the section lists
// of package layouts, then a case in the switch of BuildSections (build.go) that adds its
// blocks.
// Build returns an error for a section it has no case for, so a section
// cannot silently render nothing.
package doc

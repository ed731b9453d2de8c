// Package report is the core of rapport: the model of what an input folder
// holds (Inputs), Import, which fills it, the calendar logic of which
// periods the ledger reaches (what "--period all" means), and Compute, a
// pure function from Inputs and a period to a Report — the figures, goals,
// indicators, investments, reconciliation and problems that the layouts
// draw. A Report is a plain value that prints as JSON.
//
// Import reads the ledger through report/ledger and the controllers'
// workbook through the opener in ImportOptions (report/underlag's): the
// workbook reader is built on excelize, and this package must not depend on
// it. The shared vocabulary lives in report/money, report/period and
// report/problem.
//
// It must not know output formats or layout (PDF, Excel), how a workbook
// is parsed, or where the example data are kept: the caller hands in the
// folder, embedded example included.
package report

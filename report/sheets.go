package report

// The sheets of underlag.xlsx. The workbook reader's schema names its
// sheets with these, and Compute falls back on them when a warning concerns
// a sheet that gave no rows (with rows, a warning names the rows' own
// Place), so that a sheet is spelt in one place.
const (
	SheetSettings  = "Inställningar"
	SheetChart     = "Kontoplan"
	SheetGoals     = "Mål"
	SheetAssess    = "Målbedömning"
	SheetBudget    = "Driftbudget"
	SheetPrognosis = "Prognos"
	SheetInvest    = "Investeringar"
	SheetIndValues = "Indikatorer"
	SheetIndDefs   = "Indikatordefinitioner"
	SheetCalendar  = "Kalender"
	SheetColumns   = "Kolumner"
	SheetTexts     = "Texter"
	SheetPlan      = "Planuppföljning"
	SheetGroups    = "Grupper"
)

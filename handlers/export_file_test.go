package handlers

// The content check, for the tests of package handlers_test.
var (
	SniffAttachment  = sniffAttachment
	InspectContainer = inspectContainer
	SniffLen         = sniffLen
)

// Verdicts of the content check.
const (
	SniffOK         = sniffOK
	SniffExecutable = sniffExecutable
	SniffMacro      = sniffMacro
	SniffMismatch   = sniffMismatch
	SniffContainer  = sniffContainer
	SniffUnreadable = sniffUnreadable
)

package store

// buckets are every top-level bucket, by domain: Open creates the missing
// ones before migrations run. Each domain file names its buckets as
// constants; a new bucket is added here.
var buckets = [][]string{
	{bMeta, bUpdates},
	{bUsers, bUsersUni, bUsersDays, bUsersJoined, bStats, bStates, bStatesOnboard, bPages, bGroupsLeft, bChatMoves},
	{bBookings, bBookingsSlot, bBookingsUser, bSeats},
	{bSlots, bSlotsMentor, bSlotsTime, bSlotWatch, bSlotWatchUser, bSlotWatchLog},
	{bTickets, bTicketSeq, bTicketsByUser, bTicketsActive, bTicketsActiveByUser, bTicketsActiveByOwner, bTicketsTouched, bTicketTouchedAt, bTicketsByStaff},
	{bTicketMessages},
	{bQuestions, bQuestionsUni, bQuestionsUser},
	{bVectors, bAliases, bKBAdded, bKBAddedID, bKBAddedUni},
	{bSurveySecrets, bSurveyResponses, bSurveyUsers, bSurveyMeta, bSurveySeries},
	{bSurveyCampaigns},
	{bJobs, bJobKeys, bJobsFailed},
	{bOutbox, bOutboxKeys, bOutboxKeyAt, bOutboxKeyChat, bOutboxDue, bOutboxChat, bOutboxRef, bOutboxRetry},
	{bOutboxDead, bOutboxDeadChat, bUnreachable, bUnreachableAt},
	{bRefs, bMsgRefs, bRefCopy, bRefsAt},
	{bSentLog},
	{bScrubAfter},
	{bCampaigns, bCampaignActive, bCampaignRcpt, bCampaignTodo, bCampaignOut, bCampaignUser},
	{bLMS, bIncidents, bIncidentUser},
	{bCourses, bCoursesUni, bCoursesTeacher, bCoursesNamed, bCourseBooking},
	{bEvents, bEventAnswers, bEventsEnd, bEventsUser},
}

// appendOnly are the buckets whose keys come in increasing order (ids,
// times; in questions_by_uni, within each university): bbolt splits a
// full page in two halves, which for keys that only ever go after the
// last leaves every page half empty for good. Their pages are filled to
// appendFill instead. In BenchmarkTerm/paced (three interleaved pairs)
// they took half the leaf pages (updates 148 to 78, outbox_sent 245 to
// 129, questions 315 to 171; questions' tree one level less deep in one
// run), and each commit wrote 2 to 7 % fewer pages (19.5 to 19.1, 19.6 to
// 18.3, 23.4 to 22.8).
var appendOnly = map[string]bool{bUpdates: true, bSentLog: true, bQuestions: true, bQuestionsUni: true, bRefsAt: true, bOutboxKeyAt: true, bSlotWatchLog: true}

const appendFill = 0.95

package store

// buckets are every top-level bucket, by domain: Open creates the missing
// ones before migrations run. Each domain file names its buckets as
// constants; a new bucket is added here.
var buckets = [][]string{
	{bMeta, bUpdates},
	{bUsers, bStats, bStates, bGroupsLeft, bChatMoves},
	{bBookings, bBookingsSlot, bBookingsUser, bSeats},
	{bSlots, bSlotsMentor, bSlotsTime},
	{bTickets, bTicketSeq, bTicketsByUser, bTicketsActive, bTicketsActiveByUser},
	{bTicketMessages},
	{bQuestions, bQuestionsUni, bQuestionsUser},
	{bVectors, bAliases},
	{bSurveySecrets, bSurveyResponses, bSurveyUsers, bSurveyMeta, bSurveySeries},
	{bSurveyCampaigns},
	{bJobs, bJobKeys},
	{bOutbox, bOutboxKeys, bOutboxKeyAt, bOutboxDue, bOutboxChat, bOutboxRef, bOutboxRetry},
	{bOutboxDead, bOutboxDeadChat, bUnreachable, bUnreachableAt},
	{bRefs, bMsgRefs, bRefCopy, bRefsAt},
	{bSentLog},
	{bScrubAfter},
	{bCampaigns, bCampaignActive, bCampaignRcpt, bCampaignTodo, bCampaignOut},
	{bLMS, bIncidents},
	{bCourses, bCoursesUni, bCoursesTeacher, bCourseBooking},
	{bEvents, bEventAnswers},
}

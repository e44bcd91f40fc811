//! Every message id the bot can say, typed, so a misspelt key is a compile error
//! and the completeness test can walk them all. Pure data: no Fluent here.

macro_rules! keys {
    ($($variant:ident => $id:literal,)*) => {
        /// A message in `locales/<lang>/*.ftl`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $(#[doc = $id] $variant,)*
        }

        impl Key {
            /// Every key, for the completeness test.
            pub const ALL: &'static [Key] = &[$(Key::$variant,)*];

            /// The Fluent message id.
            pub fn id(self) -> &'static str {
                match self {
                    $(Key::$variant => $id,)*
                }
            }
        }
    };
}

keys! {
    // conversation.ftl
    Welcome => "welcome",
    NoOpenRounds => "no-open-rounds",
    ChooseRound => "choose-round",
    RoundTitle => "round-title",
    RoundHowItWorks => "round-how-it-works",
    RoundCloses => "round-closes",
    PhaseAgenda => "phase-agenda",
    PhasePreparation => "phase-preparation",
    PhaseDecision => "phase-decision",
    PhaseEvaluation => "phase-evaluation",
    Resume => "resume",
    Finished => "finished",
    FinishedAllSkipped => "finished-all-skipped",
    FollowUpAsk => "follow-up-ask",
    FollowUpYes => "follow-up-yes",
    FollowUpNo => "follow-up-no",
    AlreadyTookPart => "already-took-part",
    FinishedIdle => "finished-idle",
    RoundClosed => "round-closed",
    RoundClosedEarly => "round-closed-early",
    RoundUnknown => "round-unknown",
    StoppedHint => "stopped-hint",
    // question.ftl
    QuestionProgress => "question-progress",
    HintChoice => "hint-choice",
    HintMulti => "hint-multi",
    HintScale => "hint-scale",
    HintScaleLabels => "hint-scale-labels",
    HintYesNo => "hint-yesno",
    HintOpen => "hint-open",
    CurrentAnswer => "current-answer",
    AnswerYes => "answer-yes",
    AnswerNo => "answer-no",
    AnswerSkipped => "answer-skipped",
    ButtonSkip => "button-skip",
    ButtonBack => "button-back",
    ButtonDone => "button-done",
    ButtonKeep => "button-keep",
    ButtonChange => "button-change",
    ButtonFollowUpYes => "button-follow-up-yes",
    ButtonFollowUpNo => "button-follow-up-no",
    // validation.ftl
    InvalidChoice => "invalid-choice",
    InvalidMulti => "invalid-multi",
    InvalidScale => "invalid-scale",
    InvalidYesNo => "invalid-yesno",
    OpenTooLong => "open-too-long",
    OpenNoWords => "open-no-words",
    MultiNothingChosen => "multi-nothing-chosen",
    EmptyMessage => "empty-message",
    UnsupportedMessage => "unsupported-message",
    StaleButton => "stale-button",
    FloodNotice => "flood-notice",
    MatrixSharedRoom => "matrix-shared-room",
    MatrixUndecryptable => "matrix-undecryptable",
    AlreadyMovedOn => "already-moved-on",
    FirstQuestion => "first-question",
    PersonalDataRemoved => "personal-data-removed",
    NotNow => "not-now",
    UnknownCommand => "unknown-command",
    // commands.ftl
    Help => "help",
    Stopped => "stopped",
    LanguageChoose => "language-choose",
    LanguageSet => "language-set",
    LanguageUnknown => "language-unknown",
    Privacy => "privacy",
    Forgotten => "forgotten",
    GroupInvite => "group-invite",
    AnnounceOpened => "announce-opened",
    AnnounceClosed => "announce-closed",
    AudienceEveryone => "audience-everyone",
    ReportKicker => "report-kicker",
    ReportFactPhase => "report-fact-phase",
    ReportFactPeriod => "report-fact-period",
    ReportFactState => "report-fact-state",
    ReportFactCouncil => "report-fact-council",
    ReportFactAudience => "report-fact-audience",
    ReportFactRound => "report-fact-round",
    ReportChartAlt => "report-chart-alt",
    ReportGroupChartAlt => "report-group-chart-alt",
    ReportHiddenCell => "report-hidden-cell",
    ReportTableCaption => "report-table-caption",
    ReportMethodHeading => "report-method-heading",
    ReportMethodHow => "report-method-how",
    ReportMethodAnonymous => "report-method-anonymous",
    ReportMethodSuppression => "report-method-suppression",
    ReportMadeOn => "report-made-on",
    ReportMoreQuotes => "report-more-quotes",
    XlsxOverview => "xlsx-overview",
    XlsxOpened => "xlsx-opened",
    XlsxClosed => "xlsx-closed",
    XlsxAtLeast => "xlsx-at-least",
    XlsxStarted => "xlsx-started",
    XlsxCompleted => "xlsx-completed",
    XlsxAnswered => "xlsx-answered",
    XlsxSkipped => "xlsx-skipped",
    XlsxOpenAnswers => "xlsx-open-answers",
    XlsxQuestion => "xlsx-question",
    XlsxAnswer => "xlsx-answer",
    ButtonTakePart => "button-take-part",
    OfficialRounds => "official-rounds",
    OfficialNoRounds => "official-no-rounds",
    OfficialOpened => "official-opened",
    OfficialClosed => "official-closed",
    OfficialStatus => "official-status",
    OfficialStatusOpen => "official-status-open",
    OfficialRefused => "official-refused",
    CommandStart => "command-start",
    CommandHelp => "command-help",
    CommandLanguage => "command-language",
    CommandPrivacy => "command-privacy",
    CommandForget => "command-forget",
    CommandStop => "command-stop",
    // summary.ftl
    SummaryHeading => "summary-heading",
    SummaryFacts => "summary-facts",
    SummaryPeriod => "summary-period",
    SummaryPeriodReal => "summary-period-real",
    SummaryPeriodOpen => "summary-period-open",
    SummaryCouncil => "summary-council",
    SummaryAudience => "summary-audience",
    SummaryParticipation => "summary-participation",
    SummaryRespondents => "summary-respondents",
    SummaryRespondentsOpen => "summary-respondents-open",
    SummaryLegend => "summary-legend",
    SummaryHidden => "summary-hidden",
    SummaryDraft => "summary-draft",
    SummaryLive => "summary-live",
    SummaryColAnswer => "summary-col-answer",
    SummaryColCount => "summary-col-count",
    SummaryColPercent => "summary-col-percent",
    SummaryAnswered => "summary-answered",
    SummaryFollowUp => "summary-follow-up",
    SummaryScale => "summary-scale",
    SummaryScaleHidden => "summary-scale-hidden",
    SummaryQuotes => "summary-quotes",
    SummaryQuotesWithheld => "summary-quotes-withheld",
    SummaryGroups => "summary-groups",
    SummaryGroupsNote => "summary-groups-note",
    SummaryGroupVotes => "summary-group-votes",
    SummaryPhaseAgenda => "summary-phase-agenda",
    SummaryPhasePreparation => "summary-phase-preparation",
    SummaryPhaseDecision => "summary-phase-decision",
    SummaryPhaseEvaluation => "summary-phase-evaluation",
    SummaryStateDraft => "summary-state-draft",
    SummaryStateOpen => "summary-state-open",
    SummaryStateClosed => "summary-state-closed",
    SummaryStateArchived => "summary-state-archived",
    // dates.ftl
    Date => "date",
    Moment => "moment",
    Month1 => "month-1",
    Month2 => "month-2",
    Month3 => "month-3",
    Month4 => "month-4",
    Month5 => "month-5",
    Month6 => "month-6",
    Month7 => "month-7",
    Month8 => "month-8",
    Month9 => "month-9",
    Month10 => "month-10",
    Month11 => "month-11",
    Month12 => "month-12",
}

impl Key {
    /// The key naming month `m` (1 to 12).
    pub fn month(m: u8) -> Key {
        const MONTHS: [Key; 12] = [
            Key::Month1,
            Key::Month2,
            Key::Month3,
            Key::Month4,
            Key::Month5,
            Key::Month6,
            Key::Month7,
            Key::Month8,
            Key::Month9,
            Key::Month10,
            Key::Month11,
            Key::Month12,
        ];
        MONTHS[usize::from(m.clamp(1, 12)) - 1]
    }
}

package vn.dvk.notification.facts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import vn.dvk.kit.consume.EventDispatchers;
import vn.dvk.kit.consume.IncomingEvent;
import vn.dvk.kit.security.Role;
import vn.dvk.notification.schedule.Deadline.DeadlineKind;
import vn.dvk.notification.schedule.Notices;
import vn.dvk.notification.schedule.Obligations;
import vn.dvk.notification.schedule.ReminderPlanner;
import vn.dvk.notification.schedule.Units;
import vn.dvk.notification.template.NotificationType;

/**
 * {@code evaluation-events}: a review round's closing day becomes a deadline for its reviewers, each reminded of the
 * scorecards they have not submitted, and a grading scheme's self-assessment day one for the units it grades;
 * assignments, decisions and grades are told to whom they concern.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationFacts {

    private static final String PREFIX = "vn.dvk.evaluation.";

    record RoundOpened(String roundId, String unitCode, String title, LocalDate closes, List<String> reviewers) {
    }

    record ReviewerAssigned(String roundId, String registrationId, String unitCode, String title, String reviewer,
            String reviewerUnitCode, LocalDate closes) {
    }

    record ScorecardSubmitted(String roundId, String registrationId, String reviewer) {
    }

    record DecisionIssued(String roundId, String unitCode, String number, LocalDate date, String issuingBody,
            int outcomes) {
    }

    record GradeFinalised(String gradingId, int year, String subjectName, String unitCode, Number total,
            String gradeLabel) {
    }

    record ConflictDeclared(String roundId, String registrationId, String reviewer) {
    }

    record SchemeSaved(String schemeId, String unitCode, String subject, String title, LocalDate selfAssessmentDue) {
    }

    record SelfAssessed(String schemeId, String subject, String unitCode, String gradingId) {
    }

    @Bean
    Consumer<Message<byte[]>> onEvaluationEvent(EventDispatchers events, ReminderPlanner planner,
            Obligations obligations, Notices notices, Units units) {
        return events.builder()
                .on(PREFIX + "round-opened.v1", RoundOpened.class, (IncomingEvent e, RoundOpened r) -> planner
                        .upsert(DeadlineKind.SCORECARDS, r.roundId(), r.unitCode(), r.title(), r.closes(), null, null,
                                r.reviewers(), Map.of()))
                .on(PREFIX + "reviewer-assigned.v1", ReviewerAssigned.class, (IncomingEvent e, ReviewerAssigned a) -> {
                    planner.upsert(DeadlineKind.SCORECARDS, a.roundId(), null, null, a.closes(), null, null,
                            List.of(a.reviewer()), Map.of(a.reviewer(), a.reviewerUnitCode()));
                    obligations.assigned(a.roundId(), a.reviewer(), a.reviewerUnitCode(), a.registrationId());
                    notices.toUser(e.id(), NotificationType.REVIEWER_ASSIGNED, a.reviewer(), a.reviewerUnitCode(),
                            Map.of("reviewer", a.reviewer(), "title", a.title(), "unitName", units.name(a.unitCode()),
                                    "closes", a.closes() == null ? "" : Notices.DATE.format(a.closes())),
                            a.registrationId());
                })
                .on(PREFIX + "conflict-declared.v1", ConflictDeclared.class,
                        (IncomingEvent e, ConflictDeclared c) -> obligations.unassigned(c.roundId(), c.reviewer(),
                                c.registrationId()))
                .on(PREFIX + "scorecard-submitted.v1", ScorecardSubmitted.class,
                        (IncomingEvent e, ScorecardSubmitted s) -> obligations.submitted(s.roundId(), s.reviewer(),
                                s.registrationId()))
                .on(PREFIX + "decision-issued.v1", DecisionIssued.class, (IncomingEvent e, DecisionIssued d) -> notices
                        .toUnit(e.id(), NotificationType.DECISION_ISSUED, d.unitCode(),
                                java.util.Set.of(Role.COORDINATOR, Role.ADMIN),
                                Map.of("number", d.number(), "date", Notices.DATE.format(d.date()), "issuingBody",
                                        d.issuingBody(), "outcomes", Integer.toString(d.outcomes())), d.roundId()))
                .on(PREFIX + "grading-scheme-saved.v1", SchemeSaved.class, (IncomingEvent e, SchemeSaved s) -> {
                    // A unit submits one self-assessment (its own, or its block's); those of a block's members are
                    // individual and not chased here.
                    if (s.selfAssessmentDue() != null && !"BLOCK_MEMBER".equals(s.subject())) {
                        planner.upsert(DeadlineKind.SELF_ASSESSMENT, s.schemeId(), s.unitCode(), s.title(),
                                s.selfAssessmentDue(), null, null, units.under(s.unitCode()), Map.of());
                    } else {
                        planner.withdraw(DeadlineKind.SELF_ASSESSMENT, s.schemeId());
                    }
                })
                .on(PREFIX + "self-assessment-submitted.v1", SelfAssessed.class, (IncomingEvent e, SelfAssessed s) -> {
                    if (!"BLOCK_MEMBER".equals(s.subject())) {
                        obligations.selfAssessed(s.schemeId(), s.unitCode(), s.gradingId());
                    }
                })
                .on(PREFIX + "grade-finalised.v1", GradeFinalised.class, (IncomingEvent e, GradeFinalised g) -> notices
                        .toUnit(e.id(), NotificationType.GRADE_FINALISED, g.unitCode(), Notices.UNIT_PEOPLE,
                                Map.of("subjectName", g.subjectName(), "year", Integer.toString(g.year()),
                                        "gradeLabel", g.gradeLabel(), "total", String.valueOf(g.total())),
                                g.gradingId()))
                .build();
    }
}

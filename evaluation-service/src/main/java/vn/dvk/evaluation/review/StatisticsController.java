package vn.dvk.evaluation.review;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;

/**
 * The movement in numbers: registrations counted by campaign, year, level, field, kind, status, outcome tier and
 * unit, inside the caller's unit (or {@code unitCode} inside it), from counters every replica keeps from the event
 * streams.
 */
@RestController
@RequestMapping("/api/evaluation/statistics")
class StatisticsController {

    private final MovementStats stats;
    private final UnitAccess access;
    private final ReviewReports reports;

    StatisticsController(MovementStats stats, UnitAccess access, ReviewReports reports) {
        this.stats = stats;
        this.access = access;
        this.reports = reports;
    }

    /**
     * Counts, filtered by any of the dimensions and grouped by {@code groupBy} (comma-separated: campaign, year,
     * level, field, kind, status, tier, unit — the units directly under the scope —, formerDistrict — the old district
     * (3 digits) of a record from before 1 July 2025).
     */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    MovementStats.Counts count(@RequestParam(required = false) String unitCode,
            @RequestParam(required = false) String campaignId, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String formerDistrict, @RequestParam(required = false) String level, @RequestParam(required = false) String field,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String status,
            @RequestParam(required = false) String tier, @RequestParam(required = false) List<String> groupBy) {
        String scope = access.scope(unitCode, "statistics");
        List<MovementStats.Dimension> dimensions = new ArrayList<>();
        for (String name : groupBy == null ? List.<String>of() : groupBy) {
            dimensions.add(MovementStats.Dimension.byKey(name).orElseThrow(() -> DomainException.unprocessable(
                    "statistics-dimension-unknown", name, java.util.Arrays.stream(MovementStats.Dimension.values())
                            .map(MovementStats.Dimension::key).collect(java.util.stream.Collectors.joining(", ")))));
        }
        return stats.count(new MovementStats.Filter(scope, campaignId, year, formerDistrict, level, field, kind,
                status, tier), dimensions);
    }

    /**
     * Review progress per round — models, assignments, scorecards submitted, models deliberated (by tier) and decided —
     * for the rounds of the caller's unit (or {@code unitCode} inside it), those above it and below it.
     */
    @GetMapping("/review-progress")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<MovementStats.Progress> reviewProgress(@RequestParam(required = false) String unitCode,
            @RequestParam(required = false) String campaignId) {
        String scope = access.scope(unitCode, "statistics/review-progress");
        return stats.reviewProgress(scope, campaignId);
    }

    /**
     * Quota fill in a campaign: for the caller's unit (or {@code unitCode} inside it) and its communes, per kind of
     * model, the places taken and the quota.
     */
    @GetMapping("/quota-fill")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<MovementStats.QuotaFill> quotaFill(@RequestParam(required = false) String unitCode,
            @RequestParam String campaignId) {
        String scope = access.scope(unitCode, "statistics/quota-fill");
        return stats.quotaFill(scope, campaignId);
    }

    /**
     * The movement year by year for the caller's unit (or {@code unitCode} inside it), optionally in one field: what
     * each year's registrations amounted to (registered, approved, recognised… by kind), oldest year first.
     */
    @GetMapping("/trends")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<ReviewReports.Line> trends(@RequestParam(required = false) String unitCode,
            @RequestParam(required = false) String field) {
        return reports.trends(access.scope(unitCode, "statistics/trends"), field);
    }

    /**
     * Reads the event streams again from the beginning into new counters (this replica), and answers what it read.
     * The counters are every province's, so only a province-level administrator may rebuild them.
     */
    @PostMapping("/rebuild")
    @Allow(Role.ADMIN)
    MovementStats.Rebuilt rebuild() throws InterruptedException {
        access.requireTopUnit("statistics/rebuild");
        return stats.rebuild();
    }
}

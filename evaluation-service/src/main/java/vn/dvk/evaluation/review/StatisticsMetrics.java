package vn.dvk.evaluation.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The movement's business metrics for Prometheus, from the same counters as the API: {@code dvk_registrations} by
 * field, kind and status, {@code dvk_registrations_by_tier} by outcome tier, and {@code dvk_decisions_issued} by
 * level. Refreshed every 15 seconds (a scrape reads the last refresh, never the counters themselves).
 */
@Component
class StatisticsMetrics implements SmartInitializingSingleton, DisposableBean {

    private final MovementStats stats;
    private final MultiGauge registrations;
    private final MultiGauge tiers;
    private final MultiGauge decisions;
    private final ScheduledExecutorService refresher =
            Executors.newSingleThreadScheduledExecutor(StatisticsStream.daemon("statistics-metrics"));

    StatisticsMetrics(MovementStats stats, MeterRegistry meters) {
        this.stats = stats;
        this.registrations = MultiGauge.builder("dvk.registrations")
                .description("Registrations of models, by field, kind and status").register(meters);
        this.tiers = MultiGauge.builder("dvk.registrations.by.tier")
                .description("Registrations by the highest evaluation outcome issued").register(meters);
        this.decisions = MultiGauge.builder("dvk.decisions.issued")
                .description("Evaluation decisions issued, by level").register(meters);
    }

    @Override
    public void afterSingletonsInstantiated() {
        refresher.scheduleWithFixedDelay(this::refresh, 0, 15, TimeUnit.SECONDS);
    }

    void refresh() {
        MovementStats.Filter everything = MovementStats.Filter.ALL;
        registrations.register(rows(stats.count(everything, List.of(MovementStats.Dimension.FIELD,
                MovementStats.Dimension.KIND, MovementStats.Dimension.STATUS))), true);
        tiers.register(rows(stats.count(everything, List.of(MovementStats.Dimension.TIER))), true);
        List<MultiGauge.Row<?>> byLevel = new ArrayList<>();
        stats.decisionsByLevel().forEach((level, count) -> byLevel.add(MultiGauge.Row.of(Tags.of("level", level),
                count)));
        decisions.register(byLevel, true);
    }

    private static List<MultiGauge.Row<?>> rows(MovementStats.Counts counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (MovementStats.Row row : counts.rows()) {
            Tags tags = Tags.empty();
            for (Map.Entry<String, Object> dimension : row.group().entrySet()) {
                tags = tags.and(dimension.getKey(), String.valueOf(dimension.getValue()));
            }
            rows.add(MultiGauge.Row.of(tags, row.count()));
        }
        return rows;
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}

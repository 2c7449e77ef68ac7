package vn.dvk.evaluation.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.consume.TopicReplay;
import vn.dvk.units.UnitCatalog;

/**
 * The movement's statistics, a function of the event streams alone: every replica reads
 * {@code registration-events} and {@code evaluation-events} from the beginning at start, then follows them, keeping
 * what it knows of each registration and counters by campaign, year, level, field, kind, status, outcome tier and
 * unit. Applying an event twice changes nothing (each registration's latest state replaces the previous one), and
 * order does not matter: a registration event older than the one applied is ignored, and outcome tiers only rise.
 * {@link #rebuild} reads the topics again from scratch and swaps the result in.
 */
@Component
public class MovementStats implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MovementStats.class);
    static final List<String> TOPICS = List.of("registration-events", "evaluation-events", "campaign-events");
    private static final String LAUNCHED = "vn.dvk.campaign.launched.v1";
    /** The statuses that take a quota place (as registration-service counts them). */
    private static final java.util.Set<String> HOLDING_QUOTA = java.util.Set.of("SUBMITTED", "RESUBMITTED",
            "APPROVED", "RECOGNISED", "COMMENDED");
    private static final String REGISTRATION = "vn.dvk.registration.";
    private static final String OUTCOME = "vn.dvk.evaluation.outcome-issued.v1";
    private static final String DECISION = "vn.dvk.evaluation.decision-issued.v1";
    private static final String EVALUATION = "vn.dvk.evaluation.";
    /** The outcome tiers, lowest first. */
    static final List<String> TIERS = List.of("NOT_RECOGNISED", "RECOGNISED", "EXEMPLARY",
            "PROPOSED_FOR_COMMENDATION", "COMMENDED");

    private final String brokers;
    private final JsonMapper json;
    private volatile Model model = new Model();
    private TopicReplay replay;

    MovementStats(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, JsonMapper json) {
        this.brokers = brokers;
        this.json = json;
    }

    /**
     * The dimensions a registration is counted under.
     *
     * @param formerDistrict for a record from before 1 July 2025 registered by an old district or one of its
     *                       communes, that old district's code (from the record's former unit); otherwise null
     */
    public record Key(String campaignId, Integer year, String unitCode, String formerDistrict, String level,
            String field, String kind, String status, String tier) {

        Key withTier(String raised) {
            return new Key(campaignId, year, unitCode, formerDistrict, level, field, kind, status, raised);
        }
    }

    /** What the statistics keep of a launched campaign, for quota fill and reports. */
    public record Campaign(String campaignId, String unitCode, String title, int year, Map<String, Integer> quotas,
            java.time.LocalDate midTermReview, java.time.LocalDate finalReview) {
    }

    /**
     * One change of the counters: the record that caused it ({@code id}, its topic position, which every replica
     * shares), the registration moved from one key to another (null: it was not counted before, or is no longer),
     * and the counts of both keys after the move.
     */
    public record Change(String id, String registrationId, Key from, Key to, Map<String, Long> counters) {
    }

    /** The most recent changes, so that a stream resumed with Last-Event-ID misses nothing. */
    private static final int RECENT = 10_000;
    private final java.util.ArrayDeque<Change> recent = new java.util.ArrayDeque<>();
    private final List<java.util.function.Consumer<Change>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * How many registrations one key holds now, with the key's unit path resolved once; written under the model's
     * lock, read by queries without it.
     */
    static final class Counter {

        final Key key;
        final List<String> path;
        /** The province total this counter adds to (null for a total itself). */
        private final Counter province;
        volatile long count;

        Counter(Key key, List<String> path, Counter province) {
            this.key = key;
            this.path = path;
            this.province = province;
        }

        void add(long n) {
            count += n;
            if (province != null) {
                province.count += n;
            }
        }
    }

    /** What the statistics know of one registration; {@code at} orders its lifecycle events. */
    private record Fact(Key key, long at) {
    }

    /** The counters and the facts behind them; one instance per build, swapped whole by a rebuild. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "MovementStatsModel")
    final class Model {

        private final Map<String, Fact> facts = new HashMap<>();
        /** The counters by key: one instance of each key, shared by every fact that has it. */
        private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
        /** The same counters by campaign, so that a query about one campaign reads only its own. */
        private final Map<String, java.util.Queue<Counter>> byCampaign = new ConcurrentHashMap<>();
        /** The same counters by unit, so that a query about a commune reads only its own. */
        private final Map<String, java.util.Queue<Counter>> byUnit = new ConcurrentHashMap<>();
        /**
         * Province totals: each key with its unit replaced by the province, summing all the province's units — the
         * few hundred counters a province-wide query not grouped by unit needs, instead of tens of thousands.
         */
        private final Map<Key, Counter> provinceTotals = new ConcurrentHashMap<>();
        private long events;
        /** Each launched campaign, with its quotas as "unit kind/model kind" → limit. */
        private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
        /** Review progress by round, from the rounds' and their models' events. */
        private final Map<String, RoundProgress> rounds = new ConcurrentHashMap<>();
        /** Decisions issued, by level; a decision is one record, counted once however often it is read. */
        private final Map<String, java.util.Set<String>> decisions = new ConcurrentHashMap<>();
        /** Set once the model is the one answering: changes made while replaying are not announced. */
        private volatile boolean live;
        private TopicReplay.Record current;

        synchronized void apply(TopicReplay.Record record) {
            String type = record.headers().get("ce_type");
            if (type == null || record.value() == null) {
                return;
            }
            events++;
            current = record;
            if (type.startsWith(REGISTRATION) && !type.contains("progress-reported") && !type.contains("replicated")) {
                JsonNode e = json.readTree(record.value());
                String id = e.path("registrationId").asString();
                long at = java.time.Instant.parse(e.path("at").asString()).toEpochMilli();
                Fact held = facts.get(id);
                if (held != null && counted(held.key()) && held.at() > at) {
                    return;
                }
                JsonNode year = e.path("year");
                JsonNode formerPath = e.path("formerUnit").path("path");
                Key key = new Key(e.path("campaignId").asString(), year.isNumber() ? year.asInt() : null,
                        e.path("unitCode").asString(), formerPath.size() > 1 ? formerPath.get(1).asString() : null,
                        text(e, "level"), text(e, "field"), text(e, "kind"), text(e, "status"),
                        held == null ? null : held.key().tier());
                replace(id, held, new Fact(key, at));
            } else if (LAUNCHED.equals(type)) {
                JsonNode e = json.readTree(record.value());
                Map<String, Integer> limits = new HashMap<>();
                e.path("quotas").forEach(q -> limits.put(q.path("unitKind").asString() + "/" + q.path("kind")
                        .asString(), q.path("limit").asInt()));
                campaigns.put(e.path("campaignId").asString(), new Campaign(e.path("campaignId").asString(),
                        e.path("unitCode").asString(), e.path("title").asString(), e.path("year").asInt(),
                        Map.copyOf(limits), date(e, "midTermReview"), date(e, "finalReview")));
            } else if (type.startsWith(EVALUATION) && progress(type, json.readTree(record.value()))) {
                return;
            } else if (DECISION.equals(type)) {
                JsonNode e = json.readTree(record.value());
                decisions.computeIfAbsent(e.path("level").asString(), l -> ConcurrentHashMap.newKeySet())
                        .add(e.path("roundId").asString() + "/" + e.path("number").asString());
            } else if (OUTCOME.equals(type)) {
                JsonNode e = json.readTree(record.value());
                String id = e.path("registrationId").asString();
                String tier = e.path("tier").asString();
                Fact held = facts.get(id);
                Key key = held == null ? new Key(null, null, null, null, null, null, null, null, tier) : held.key();
                if (held != null && key.tier() != null && TIERS.indexOf(key.tier()) >= TIERS.indexOf(tier)) {
                    return;
                }
                replace(id, held, new Fact(key.withTier(tier), held == null ? Long.MIN_VALUE : held.at()));
            }
        }

        /** Moves one registration from the counter of its old key to that of its new one. */
        private void replace(String id, Fact held, Fact fresh) {
            Counter joined = counter(fresh.key());
            Fact next = new Fact(joined.key, fresh.at());
            if (held != null && counted(held.key())) {
                counters.get(held.key()).add(-1);
            }
            if (counted(next.key())) {
                joined.add(1);
            }
            facts.put(id, next);
            if (live) {
                Key from = held != null && counted(held.key()) ? held.key() : null;
                Key to = counted(next.key()) ? next.key() : null;
                Map<String, Long> counters = new LinkedHashMap<>();
                if (from != null) {
                    counters.put("from", this.counters.get(from).count);
                }
                if (to != null) {
                    counters.put("to", joined.count);
                }
                announce(new Change(current.topic() + "-" + current.partition() + "-" + current.offset(), id, from,
                        to, counters));
            }
        }

        /** The counter of a key, made the first time the key is seen (its unit's path resolved then, once). */
        private Counter counter(Key key) {
            Counter counter = counters.get(key);
            if (counter == null) {
                List<String> path = key.unitCode() == null ? List.of()
                        : paths.computeIfAbsent(key.unitCode(), units::pathOf);
                Counter province = null;
                if (!path.isEmpty()) {
                    Key total = new Key(key.campaignId(), key.year(), path.get(0), key.formerDistrict(), key.level(),
                            key.field(), key.kind(), key.status(), key.tier());
                    province = provinceTotals.computeIfAbsent(total, k -> new Counter(k, List.of(path.get(0)), null));
                }
                counter = new Counter(key, path, province);
                counters.put(key, counter);
                if (key.campaignId() != null) {
                    byCampaign.computeIfAbsent(key.campaignId(), c -> new java.util.concurrent.ConcurrentLinkedQueue<>())
                            .add(counter);
                }
                if (key.unitCode() != null) {
                    byUnit.computeIfAbsent(key.unitCode(), c -> new java.util.concurrent.ConcurrentLinkedQueue<>())
                            .add(counter);
                }
            }
            return counter;
        }

        /** Only what a registration event described is counted (an outcome alone only waits for it). */
        private static boolean counted(Key key) {
            return key.campaignId() != null && key.unitCode() != null;
        }

        /** Applies a review event to its round's progress; false when the type is not one. */
        private boolean progress(String type, JsonNode e) {
            String roundId = e.path("roundId").asString();
            if (roundId.isEmpty()) {
                return false;
            }
            String registration = e.path("registrationId").asString();
            String pair = registration + "|" + e.path("reviewer").asString();
            RoundProgress round = rounds.computeIfAbsent(roundId, id -> new RoundProgress());
            switch (type) {
                case "vn.dvk.evaluation.round-opened.v1" -> {
                    round.campaignId = e.path("campaignId").asString();
                    round.unitCode = e.path("unitCode").asString();
                    round.level = e.path("level").asString();
                    round.title = e.path("title").asString();
                    round.models = e.path("models").asInt();
                }
                case "vn.dvk.evaluation.reviewer-assigned.v1" -> round.assigned.add(pair);
                case "vn.dvk.evaluation.conflict-declared.v1" -> round.assigned.remove(pair);
                case "vn.dvk.evaluation.scorecard-submitted.v1" -> round.scored.add(pair);
                case "vn.dvk.evaluation.deliberated.v1" -> round.deliberated.put(registration, e.path("tier").asString());
                case OUTCOME -> {
                    round.decided.add(registration);
                    return false;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        int registrations() {
            return (int) counters.values().stream().mapToLong(c -> c.count).sum();
        }
    }

    private static java.time.LocalDate date(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : java.time.LocalDate.parse(value);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        replay = new TopicReplay(brokers, TOPICS);
        Model built = new Model();
        replay.replay(built::apply);
        built.live = true;
        model = built;
        replay.follow(built::apply);
        log.info("Movement statistics: {} events read, {} registrations counted in {} ms", built.events,
                built.registrations(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Keeps and hands out a change under one lock with {@link #listen}, so a resuming listener gets it once. */
    private void announce(Change change) {
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(change);
            listeners.forEach(l -> l.accept(change));
        }
    }

    /**
     * Listens to every change from now on; a null change says the counters were rebuilt (read them again). First,
     * under the same lock, hands {@code missed} the changes after {@code lastId} still held, oldest first — or null
     * when {@code lastId} is no longer known (too old, or from before a rebuild): then read the counters again. So a
     * resumed listener gets every change once and in order.
     */
    void listen(String lastId, java.util.function.Consumer<List<Change>> missed,
            java.util.function.Consumer<Change> listener) {
        synchronized (recent) {
            List<Change> after = new ArrayList<>();
            boolean found = lastId == null;
            for (Change change : recent) {
                if (found && lastId != null) {
                    after.add(change);
                }
                found |= change.id().equals(lastId);
            }
            missed.accept(found ? after : null);
            listeners.add(listener);
        }
    }

    void unlisten(java.util.function.Consumer<Change> listener) {
        listeners.remove(listener);
    }

    /** Whether a change concerns the units inside {@code scope}. */
    boolean concerns(Change change, String scope) {
        return change.from() != null && paths.computeIfAbsent(change.from().unitCode(), units::pathOf).contains(scope)
                || change.to() != null && paths.computeIfAbsent(change.to().unitCode(), units::pathOf).contains(scope);
    }

    /**
     * Where one round's work stands: its models, and which model–reviewer pairs were assigned and scored, which models
     * deliberated (with the tier) and decided. Sets, so that an event read twice counts once; the round's own facts
     * arrive with {@code round-opened}, whenever that is read.
     */
    static final class RoundProgress {

        private volatile String campaignId;
        private volatile String unitCode;
        private volatile String level;
        private volatile String title;
        private volatile int models;
        private final java.util.Set<String> assigned = ConcurrentHashMap.newKeySet();
        private final java.util.Set<String> scored = ConcurrentHashMap.newKeySet();
        private final Map<String, String> deliberated = new ConcurrentHashMap<>();
        private final java.util.Set<String> decided = ConcurrentHashMap.newKeySet();
    }

    /** One round's progress as the API shows it. */
    public record Progress(String roundId, String campaignId, String unitCode, String level, String title,
            int models, int assignments, int scorecards, int deliberated, int decided,
            Map<String, Long> deliberatedByTier) {
    }

    /** The progress of the rounds of {@code scope}'s units, those above it and below it, optionally of one campaign. */
    public List<Progress> reviewProgress(String scope, String campaignId) {
        List<String> scopePath = paths.computeIfAbsent(scope, units::pathOf);
        List<Progress> found = new ArrayList<>();
        model.rounds.forEach((id, r) -> {
            if (r.unitCode == null || campaignId != null && !campaignId.equals(r.campaignId)) {
                return;
            }
            boolean related = paths.computeIfAbsent(r.unitCode, units::pathOf).contains(scope)
                    || scopePath.contains(r.unitCode);
            if (related) {
                Map<String, Long> tiers = new java.util.TreeMap<>();
                r.deliberated.values().forEach(t -> tiers.merge(t, 1L, Long::sum));
                found.add(new Progress(id, r.campaignId, r.unitCode, r.level, r.title, r.models, r.assigned.size(),
                        r.scored.size(), r.deliberated.size(), r.decided.size(), tiers));
            }
        });
        found.sort(Comparator.comparing(Progress::roundId));
        return found;
    }

    /** A unit's places in a campaign for one kind of model: taken, and allowed (null: no quota). */
    public record QuotaFill(String unitCode, String unitName, String kind, long registered, Integer allowed) {
    }

    /**
     * The quota fill of every unit of the 2025 catalog inside {@code scope} (the scope itself and its communes) in a
     * campaign, per kind of model: places taken by registrations submitted or further, not withdrawn, against the
     * campaign's quota for the unit's kind. Units with nothing registered are listed too — those are the ones to chase.
     */
    public List<QuotaFill> quotaFill(String scope, String campaignId) {
        Campaign campaign = model.campaigns.get(campaignId);
        Map<String, Long> taken = new HashMap<>();
        model.byCampaign.getOrDefault(campaignId, EMPTY).forEach(c -> {
            if (c.count > 0 && HOLDING_QUOTA.contains(c.key.status()) && c.key.unitCode() != null) {
                taken.merge(c.key.unitCode() + "/" + c.key.kind(), c.count, Long::sum);
            }
        });
        List<QuotaFill> fill = new ArrayList<>();
        for (UnitCatalog.Unit unit : unitAndChildren(scope)) {
            for (String kind : List.of("COLLECTIVE", "INDIVIDUAL")) {
                fill.add(new QuotaFill(unit.code(), unit.name(), kind, taken.getOrDefault(unit.code() + "/" + kind, 0L),
                        quota(campaign, unit, kind)));
            }
        }
        return fill;
    }

    /** Whether a registration in this status takes one of its unit's places (as registration-service counts them). */
    static boolean holdsQuota(String status) {
        return HOLDING_QUOTA.contains(status);
    }

    /** The unit and the units directly under it, in the 2025 catalog. */
    List<UnitCatalog.Unit> unitAndChildren(String scope) {
        List<UnitCatalog.Unit> inside = new ArrayList<>();
        units.find(scope).ifPresent(inside::add);
        inside.addAll(units.childrenOf(scope));
        return inside;
    }

    /** A unit's quota for a kind of model in a campaign: by its kind of unit (province or commune); null: none. */
    static Integer quota(Campaign campaign, UnitCatalog.Unit unit, String kind) {
        String unitKind = unit.parentCode() == null ? "PROVINCE" : "COMMUNE";
        return campaign == null ? null : campaign.quotas().get(unitKind + "/" + kind);
    }

    /**
     * The unit directly under {@code scope} on {@code path} (a unit and those above it; {@code scope} itself when the
     * unit is the scope), or null when the unit is not inside {@code scope}.
     */
    static String childOf(String scope, List<String> path) {
        int depth = path.indexOf(scope);
        return depth < 0 ? null : depth + 1 < path.size() ? path.get(depth + 1) : scope;
    }

    /** The unit's name in the 2025 catalog, or its code when it has none there. */
    String unitName(String unitCode) {
        return units.find(unitCode).map(UnitCatalog.Unit::name).orElse(unitCode);
    }

    /** Decisions issued so far, by level of their round. */
    Map<String, Integer> decisionsByLevel() {
        Map<String, Integer> byLevel = new java.util.TreeMap<>();
        model.decisions.forEach((level, numbers) -> byLevel.put(level, numbers.size()));
        return byLevel;
    }

    /** What a rebuild did. */
    public record Rebuilt(long events, int registrations, long millis) {
    }

    /** Reads the topics again from the beginning into new counters, and swaps them in. */
    public synchronized Rebuilt rebuild() throws InterruptedException {
        long started = System.nanoTime();
        TopicReplay fresh = new TopicReplay(brokers, TOPICS);
        Model built = new Model();
        fresh.replay(built::apply);
        TopicReplay old = replay;
        old.close();
        built.live = true;
        model = built;
        replay = fresh;
        synchronized (recent) {
            recent.clear();
            listeners.forEach(l -> l.accept(null));
        }
        fresh.follow(built::apply);
        return new Rebuilt(built.events, built.registrations(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The dimensions counts can be grouped by. */
    public enum Dimension {
        CAMPAIGN, YEAR, LEVEL, FIELD, KIND, STATUS, TIER, UNIT, FORMER_DISTRICT;

        /** Its name in requests and in the groups of the answer: {@code formerDistrict}, {@code unit}… */
        public String key() {
            String lower = name().toLowerCase(java.util.Locale.ROOT);
            int bar = lower.indexOf('_');
            return bar < 0 ? lower : lower.substring(0, bar) + Character.toUpperCase(lower.charAt(bar + 1))
                    + lower.substring(bar + 2);
        }

        /** The dimension named {@code key} (case ignored), if any. */
        public static java.util.Optional<Dimension> byKey(String key) {
            return java.util.Arrays.stream(values()).filter(d -> d.key().equalsIgnoreCase(key.strip())).findFirst();
        }
    }

    /**
     * Which registrations to count: each null filter takes all; {@code scope} is a unit and everything under it (all
     * units when null).
     */
    public record Filter(String scope, String campaignId, Integer year, String formerDistrict, String level,
            String field, String kind, String status, String tier) {

        /** Every registration. */
        public static final Filter ALL = new Filter(null, null, null, null, null, null, null, null, null);
    }

    /** One group and how many registrations it holds. */
    public record Row(Map<String, Object> group, long count) {
    }

    public record Counts(long total, List<Row> rows) {
    }

    private final UnitCatalog units = UnitCatalog.official2025();
    private final Map<String, List<String>> paths = new ConcurrentHashMap<>();

    /** Counts the registrations {@code filter} takes, grouped by {@code groupBy} (the unit: the scope's children). */
    public Counts count(Filter filter, List<Dimension> groupBy) {
        Model current = model;
        String scope = filter.scope();
        List<String> scopePath = scope == null ? List.of() : paths.computeIfAbsent(scope, units::pathOf);
        Iterable<Counter> source;
        if (!groupBy.contains(Dimension.UNIT) && (scope == null || scopePath.size() == 1)) {
            source = current.provinceTotals.values();
        } else if (scopePath.size() > 1 && units.childrenOf(scope).isEmpty()) {
            source = current.byUnit.getOrDefault(scope, EMPTY);
        } else if (filter.campaignId() != null) {
            source = current.byCampaign.getOrDefault(filter.campaignId(), EMPTY);
        } else {
            source = current.counters.values();
        }
        return count(source, filter, groupBy);
    }

    private static final java.util.Queue<Counter> EMPTY = new java.util.ArrayDeque<>();

    /**
     * The counters of one campaign as they stand between two events, so that several tables computed from them agree
     * with each other.
     */
    public List<Counted> snapshot(String campaignId) {
        Model current = model;
        synchronized (current) {
            List<Counted> copy = new ArrayList<>();
            for (Counter c : current.byCampaign.getOrDefault(campaignId, EMPTY)) {
                if (c.count > 0) {
                    copy.add(new Counted(c.key, c.path, c.count));
                }
            }
            return copy;
        }
    }

    /** A key, its unit's path (province first) and how many registrations it held at the snapshot. */
    public record Counted(Key key, List<String> path, long count) {
    }

    /** The campaign as launched, when its launch has been read. */
    public java.util.Optional<Campaign> campaign(String campaignId) {
        return java.util.Optional.ofNullable(model.campaigns.get(campaignId));
    }

    private Counts count(Iterable<Counter> counters, Filter filter, List<Dimension> groupBy) {
        Map<List<Object>, Long> groups = new HashMap<>();
        long total = 0;
        String scope = filter.scope();
        for (Counter counter : counters) {
            long n = counter.count;
            Key k = counter.key;
            List<String> path = counter.path;
            int depth = scope == null ? -1 : path.indexOf(scope);
            if (n <= 0 || path.isEmpty() || scope != null && depth < 0 || !matches(filter, k)) {
                continue;
            }
            total += n;
            Object[] values = new Object[groupBy.size()];
            for (int d = 0; d < values.length; d++) {
                values[d] = switch (groupBy.get(d)) {
                    case CAMPAIGN -> k.campaignId();
                    case YEAR -> k.year();
                    case LEVEL -> k.level();
                    case FIELD -> k.field();
                    case KIND -> k.kind();
                    case STATUS -> k.status();
                    case TIER -> k.tier();
                    case UNIT -> depth + 1 < path.size() ? path.get(depth + 1) : path.get(path.size() - 1);
                    case FORMER_DISTRICT -> k.formerDistrict();
                };
            }
            groups.merge(java.util.Arrays.asList(values), n, Long::sum);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((values, count) -> {
            Map<String, Object> group = new LinkedHashMap<>();
            for (int d = 0; d < values.size(); d++) {
                group.put(groupBy.get(d).key(), values.get(d));
            }
            rows.add(new Row(group, count));
        });
        rows.sort(Comparator.comparing((Row r) -> r.group().values().toString()));
        return new Counts(total, rows);
    }

    private static boolean matches(Filter f, Key k) {
        return (f.campaignId() == null || f.campaignId().equals(k.campaignId()))
                && (f.year() == null || f.year().equals(k.year()))
                && (f.formerDistrict() == null || f.formerDistrict().equals(k.formerDistrict()))
                && (f.level() == null || f.level().equals(k.level()))
                && (f.field() == null || f.field().equals(k.field()))
                && (f.kind() == null || f.kind().equals(k.kind()))
                && (f.status() == null || f.status().equals(k.status()))
                && (f.tier() == null || f.tier().equals(k.tier()));
    }

    @Override
    public void destroy() throws InterruptedException {
        if (replay != null) {
            replay.close();
        }
    }
}

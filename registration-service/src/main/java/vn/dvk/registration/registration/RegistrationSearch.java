package vn.dvk.registration.registration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.TopicFollower;
import vn.dvk.registration.campaign.Level;

/**
 * The search behind registration lists and exports: the fields lists filter and sort on, for every registration,
 * held in memory by each replica. Word-start search on titles cannot use a database index (MongoDB's included), and
 * a province holds at most a few hundred thousand registrations, so a scan of compact entries in memory, grouped by
 * unit so that a query reads only the units inside its scope, is the fast path: a filtered, sorted page of 100,000
 * registrations in about 20 ms province-wide and a few ms in a commune (bench/results/registration-search.md); the
 * page's documents are then read by id.
 *
 * <p>Kept current three ways, each order-tolerant because an entry only replaces one of a lower version: loaded
 * from MongoDB at start; this replica's own saves at once (so a user sees what they just did); and the
 * {@value Registration#TOPIC} topic, followed by every replica, for the saves of the others — each event re-reads its
 * registration by id. The topic's end is fixed before the load begins, so no change falls between the two.
 */
@Component
class RegistrationSearch extends AbstractMongoEventListener<Registration>
        implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistrationSearch.class);
    private static final String COLLECTION = "registrations";
    private static final List<String> FIELDS = List.of("campaignId", "year", "unitPath", "status", "form.field",
            "form.kind", "form.level", "formerUnit.path", "titleKey", "sortKey", "createdAt", "version");

    /**
     * What a list needs of one registration, laid out for a scan of every entry per query: values that many entries
     * share are one instance each (see {@link Interner}), the title words are one string with a space on each side
     * (" nuoi ong lay mat "), so that a word start is one {@code indexOf}, and the creation time is a number.
     */
    record Entry(String id, String campaignId, int year, List<String> unitPath, RegistrationStatus status,
            Field field, ModelKind kind, Level level, List<String> formerPath, String spacedTitle, String sortKey,
            long createdAt, long version) {

        static Entry of(Registration r, Interner interner) {
            return new Entry(r.id(), interner.intern(r.campaignId()), r.year(), interner.intern(r.unitPath()),
                    r.status(), r.field(), r.kind(), r.level(),
                    interner.intern(r.formerUnit() == null ? List.of() : r.formerUnit().path()),
                    spaced(r.titleKey()), r.sortKey(),
                    r.createdAt() == null ? 0 : r.createdAt().toEpochMilli(), r.version() == null ? 0 : r.version());
        }

        static Entry of(Document d, Interner interner) {
            Document form = d.get("form", Document.class);
            Date created = d.getDate("createdAt");
            Number version = d.get("version", Number.class);
            Document former = d.get("formerUnit", Document.class);
            return new Entry(d.getString("_id"), interner.intern(d.getString("campaignId")), d.getInteger("year", 0),
                    interner.intern(List.copyOf(d.getList("unitPath", String.class, List.of()))),
                    RegistrationStatus.valueOf(d.getString("status")), Field.valueOf(form.getString("field")),
                    ModelKind.valueOf(form.getString("kind")),
                    form.getString("level") == null ? null : Level.valueOf(form.getString("level")),
                    interner.intern(former == null ? List.of()
                            : List.copyOf(former.getList("path", String.class, List.of()))),
                    spaced(d.getString("titleKey")), d.getString("sortKey"), created == null ? 0 : created.getTime(),
                    version == null ? 0 : version.longValue());
        }

        private static String spaced(String titleKey) {
            return " " + (titleKey == null ? "" : titleKey) + " ";
        }

        /** Whether each query word (given as " word") starts one of the title's words. */
        boolean titleHas(String[] spacedQueryWords) {
            for (String q : spacedQueryWords) {
                if (!spacedTitle.contains(q)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One instance of each value many entries share — campaign ids, unit paths — so that 100,000 entries take tens
     * of megabytes rather than a hundred, and a scan touches fewer places in memory.
     */
    static final class Interner {

        private final Map<Object, Object> canonical = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        <T> T intern(T value) {
            return value == null ? null : (T) canonical.computeIfAbsent(value, v -> v);
        }
    }

    /** One page of the ids found, in order, and how many were found in all. */
    record Found(List<String> ids, long total) {
    }

    /**
     * The entries by unit (the key is the unit's path, one instance per unit), then by id: a query scans only the
     * units inside its scope — a commune's officer touches a few hundred entries, not the province's 100,000. A
     * registration never changes unit, so its entry stays in one place.
     */
    private final Map<List<String>, Map<String, Entry>> byUnit = new ConcurrentHashMap<>();
    private final Interner interner = new Interner();
    private final MongoTemplate mongo;
    private final TopicFollower follower;

    RegistrationSearch(MongoTemplate mongo, @Value("${spring.cloud.stream.kafka.binder.brokers}") String kafka) {
        this.mongo = mongo;
        this.follower = new TopicFollower(kafka, Registration.TOPIC, (key, headers) -> {
            String type = headers.get("ce_type");
            if (key != null && type != null && type.startsWith("vn.dvk.registration.")) {
                refresh(key);
            }
        });
    }

    /** Follows the topic from its current end, then loads every registration: nothing changes unseen in between. */
    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        follower.start();
        var projection = new Document();
        FIELDS.forEach(f -> projection.append(f, 1));
        int unreadable = 0;
        for (Document d : mongo.getCollection(COLLECTION).find().projection(projection).batchSize(5000)) {
            try {
                put(Entry.of(d, interner));
            } catch (RuntimeException e) {
                // A document of an older shape must not keep the service from starting; it is named and left out.
                unreadable++;
                log.warn("Registration {} left out of search: {}", d.get("_id"), e.toString());
            }
        }
        log.info("Registration search: {} registrations loaded in {} ms ({} unreadable)", size(),
                (System.nanoTime() - started) / 1_000_000, unreadable);
    }

    @Override
    public void onAfterSave(AfterSaveEvent<Registration> event) {
        put(Entry.of(event.getSource(), interner));
    }

    /** Reads one registration again, after another replica changed it. */
    void refresh(String id) {
        var query = new Query(Criteria.where("_id").is(id));
        FIELDS.forEach(f -> query.fields().include(f));
        Document found = mongo.findOne(query, Document.class, COLLECTION);
        if (found != null) {
            put(Entry.of(found, interner));
        }
    }

    private void put(Entry entry) {
        byUnit.computeIfAbsent(entry.unitPath(), path -> new ConcurrentHashMap<>())
                .merge(entry.id(), entry, (held, offered) -> offered.version() >= held.version() ? offered : held);
    }

    private int size() {
        return byUnit.values().stream().mapToInt(Map::size).sum();
    }

    /** The ids of the page {@code offset}..{@code offset + limit} of the registrations {@code filter} matches. */
    Found search(RegistrationFilter filter, Comparator<Entry> order, long offset, int limit) {
        String[] words = filter.queryWords();
        long keep = offset + limit;
        // The best keep entries so far, worst at the head: one pass, no sort of everything found.
        PriorityQueue<Entry> best = new PriorityQueue<>(order.reversed());
        long total = 0;
        for (Map.Entry<List<String>, Map<String, Entry>> unit : byUnit.entrySet()) {
            if (!unit.getKey().contains(filter.scope())) {
                continue;
            }
            for (Entry e : unit.getValue().values()) {
                if (filter.matchesInScope(e) && (words.length == 0 || e.titleHas(words))) {
                    total++;
                    if (best.size() < keep) {
                        best.add(e);
                    } else if (keep > 0 && order.compare(e, best.peek()) < 0) {
                        best.poll();
                        best.add(e);
                    }
                }
            }
        }
        List<Entry> page = new ArrayList<>(best);
        page.sort(order);
        List<String> ids = page.stream().skip(offset).map(Entry::id).toList();
        return new Found(ids, total);
    }

    /** The registrations of {@code ids}, in that order. */
    List<Registration> load(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Registration> byId = new java.util.HashMap<>();
        mongo.find(new Query(Criteria.where("_id").in(ids)), Registration.class).forEach(r -> byId.put(r.id(), r));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public void destroy() throws InterruptedException {
        follower.close();
    }
}

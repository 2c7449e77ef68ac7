package vn.dvk.registration.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * a province holds at most a few hundred thousand registrations, so a scan of compact entries in memory is the fast
 * path: a filtered, sorted page of 100,000 registrations in milliseconds; the page's documents are then read by id.
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
            "form.kind", "form.level", "titleKey", "sortKey", "createdAt", "version");

    /** What a list needs of one registration. */
    record Entry(String id, String campaignId, int year, List<String> unitPath, RegistrationStatus status,
            Field field, ModelKind kind, Level level, String[] words, String sortKey, Instant createdAt,
            long version) {

        static Entry of(Registration r) {
            return new Entry(r.id(), r.campaignId(), r.year(), r.unitPath(), r.status(), r.field(), r.kind(),
                    r.level(), words(r.titleKey()), r.sortKey(), r.createdAt(),
                    r.version() == null ? 0 : r.version());
        }

        static Entry of(Document d) {
            Document form = d.get("form", Document.class);
            Date created = d.getDate("createdAt");
            Number version = d.get("version", Number.class);
            return new Entry(d.getString("_id"), d.getString("campaignId"), d.getInteger("year", 0),
                    List.copyOf(d.getList("unitPath", String.class, List.of())),
                    RegistrationStatus.valueOf(d.getString("status")), Field.valueOf(form.getString("field")),
                    ModelKind.valueOf(form.getString("kind")),
                    form.getString("level") == null ? null : Level.valueOf(form.getString("level")),
                    words(d.getString("titleKey")), d.getString("sortKey"),
                    created == null ? Instant.EPOCH : created.toInstant(), version == null ? 0 : version.longValue());
        }

        private static String[] words(String titleKey) {
            return titleKey == null || titleKey.isEmpty() ? new String[0] : titleKey.split(" ");
        }

        /** Whether each query word starts one of the title's words. */
        boolean titleHas(String[] queryWords) {
            for (String q : queryWords) {
                if (Arrays.stream(words).noneMatch(w -> w.startsWith(q))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One page of the ids found, in order, and how many were found in all. */
    record Found(List<String> ids, long total) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final MongoTemplate mongo;
    private final TopicFollower follower;

    RegistrationSearch(MongoTemplate mongo, @Value("${spring.cloud.stream.kafka.binder.brokers}") String kafka) {
        this.mongo = mongo;
        this.follower = new TopicFollower(kafka, Registration.TOPIC, (key, headers) -> {
            if (key != null && headers.getOrDefault("ce_type", "").startsWith("vn.dvk.registration.")) {
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
                put(Entry.of(d));
            } catch (RuntimeException e) {
                // A document of an older shape must not keep the service from starting; it is named and left out.
                unreadable++;
                log.warn("Registration {} left out of search: {}", d.get("_id"), e.toString());
            }
        }
        log.info("Registration search: {} registrations loaded in {} ms ({} unreadable)", entries.size(),
                (System.nanoTime() - started) / 1_000_000, unreadable);
    }

    @Override
    public void onAfterSave(AfterSaveEvent<Registration> event) {
        put(Entry.of(event.getSource()));
    }

    /** Reads one registration again, after another replica changed it. */
    void refresh(String id) {
        var query = new Query(Criteria.where("_id").is(id));
        FIELDS.forEach(f -> query.fields().include(f));
        Document found = mongo.findOne(query, Document.class, COLLECTION);
        if (found != null) {
            put(Entry.of(found));
        }
    }

    private void put(Entry entry) {
        entries.merge(entry.id(), entry, (held, offered) -> offered.version() >= held.version() ? offered : held);
    }

    /** The ids of the page {@code offset}..{@code offset + limit} of the registrations {@code filter} matches. */
    Found search(RegistrationFilter filter, Comparator<Entry> order, long offset, int limit) {
        String[] words = filter.queryWords();
        long keep = offset + limit;
        // The best keep entries so far, worst at the head: one pass, no sort of everything found.
        PriorityQueue<Entry> best = new PriorityQueue<>(order.reversed());
        long total = 0;
        for (Entry e : entries.values()) {
            if (filter.matches(e) && (words.length == 0 || e.titleHas(words))) {
                total++;
                if (best.size() < keep) {
                    best.add(e);
                } else if (keep > 0 && order.compare(e, best.peek()) < 0) {
                    best.poll();
                    best.add(e);
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

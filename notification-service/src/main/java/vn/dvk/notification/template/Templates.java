package vn.dvk.notification.template;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;

/**
 * Vietnamese and English templates per notification type, in numbered versions. Version 1 comes from
 * {@code templates/defaults.properties}; each change stores the next version and makes it current. Messages are
 * scheduled with the versions current at the time ({@link #pin}) and rendered with exactly those, so a change never
 * alters or breaks what was already scheduled.
 */
@Service
public class Templates {

    public static final List<String> LANGUAGES = List.of("vi", "en");
    private static final String HEADS = "template_heads";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** Subject and body of a message, placeholders filled. */
    public record Rendered(String subject, String body) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<String, Template> byId = new ConcurrentHashMap<>();

    public Templates(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        storeDefaults();
    }

    /** Stores version 1 of every template once; a stored version 1 is kept as it is. */
    private void storeDefaults() {
        Properties defaults = new Properties();
        try (Reader in = new InputStreamReader(new ClassPathResource("templates/defaults.properties").getInputStream(),
                StandardCharsets.UTF_8)) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (NotificationType type : NotificationType.values()) {
            for (String language : LANGUAGES) {
                String prefix = type + "." + language + ".";
                String subject = defaults.getProperty(prefix + "subject");
                String body = defaults.getProperty(prefix + "body");
                if (subject == null || body == null) {
                    throw new IllegalStateException("templates/defaults.properties lacks " + prefix + "subject/body");
                }
                try {
                    mongo.insert(new Template(Template.idOf(type, language, 1), type, language, 1, subject, body,
                            clock.instant(), "system"));
                } catch (DuplicateKeyException alreadyStored) {
                    // Version 1 is fixed once stored.
                }
            }
        }
    }

    /** The current version of a type in a language. */
    public int current(NotificationType type, String language) {
        Document head = mongo.findById(type + "/" + language, Document.class, HEADS);
        return head == null ? 1 : head.getInteger("version");
    }

    /** The current version in every language: what a message scheduled now will be rendered with. */
    public Map<String, Integer> pin(NotificationType type) {
        Map<String, Integer> pinned = new java.util.LinkedHashMap<>();
        for (String language : LANGUAGES) {
            pinned.put(language, current(type, language));
        }
        return pinned;
    }

    public Template get(NotificationType type, String language, int version) {
        String id = Template.idOf(type, language, version);
        Template cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        Template stored = mongo.findById(id, Template.class);
        if (stored == null) {
            throw DomainException.notFound("template-not-found", type + "/" + language + "/" + version);
        }
        byId.put(id, stored);
        return stored;
    }

    /** Every version of a type in a language, newest first. */
    public List<Template> versions(NotificationType type, String language) {
        int current = current(type, language);
        List<Template> versions = new ArrayList<>();
        for (int v = current; v >= 1; v--) {
            versions.add(get(type, language, v));
        }
        return versions;
    }

    /** Stores a new version and makes it current; placeholders must be ones the type knows. */
    public Template save(NotificationType type, String language, String subject, String body, String by) {
        requireLanguage(language);
        String s = Texts.nfc(subject);
        String b = Texts.nfc(body);
        validate(type, s, b);
        Query head = new Query(Criteria.where("_id").is(type + "/" + language));
        // The head starts at 1 (the default stored at start), so the first change becomes version 2.
        mongo.upsert(head, new Update().setOnInsert("version", 1), HEADS);
        int version = mongo.findAndModify(head, new Update().inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), Document.class, HEADS).getInteger("version");
        Template template = new Template(Template.idOf(type, language, version), type, language, version, s, b,
                clock.instant(), by);
        mongo.insert(template);
        return template;
    }

    /** Fills a template's placeholders; a value missing from {@code values} is left as its placeholder. */
    public static Rendered render(Template template, Map<String, String> values) {
        return new Rendered(fill(template.subject(), values), fill(template.body(), values));
    }

    /**
     * Renders a notice in a language. A value may also be given per language as {@code name.language} (a list of
     * late units written in the reader's language); it wins over the plain {@code name}.
     */
    public Rendered render(NotificationType type, String language, int version, Map<String, String> values) {
        Map<String, String> own = values;
        String suffix = "." + language;
        if (values.keySet().stream().anyMatch(k -> k.endsWith(suffix))) {
            own = new java.util.HashMap<>(values);
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getKey().endsWith(suffix)) {
                    own.put(e.getKey().substring(0, e.getKey().length() - suffix.length()), e.getValue());
                }
            }
        }
        return render(get(type, language, version), own);
    }

    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Refuses a template with an unknown placeholder, or an empty or overlong subject or body. */
    static void validate(NotificationType type, String subject, String body) {
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw DomainException.unprocessable("template-subject-invalid");
        }
        if (body == null || body.isBlank() || body.length() > 5000) {
            throw DomainException.unprocessable("template-body-invalid");
        }
        Set<String> unknown = new LinkedHashSet<>();
        for (String text : new String[] {subject, body}) {
            if (text == null) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!type.samples().containsKey(m.group(1))) {
                    unknown.add(m.group(1));
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw DomainException.unprocessable("template-placeholder-unknown", String.join(", ", unknown),
                    String.join(", ", type.samples().keySet()));
        }
    }

    static void requireLanguage(String language) {
        if (!LANGUAGES.contains(language)) {
            throw DomainException.notFound("template-language-unknown", language);
        }
    }

    /** Current version of every type in every language. */
    public Map<NotificationType, Map<String, Integer>> heads() {
        Map<NotificationType, Map<String, Integer>> heads = new EnumMap<>(NotificationType.class);
        for (NotificationType type : NotificationType.values()) {
            heads.put(type, pin(type));
        }
        return heads;
    }
}

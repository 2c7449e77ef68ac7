package vn.dvk.notification.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;

/**
 * Message templates: what each type says in Vietnamese and English, their versions, and a preview. They are the same
 * for every unit: managers of any unit read and preview them, only a province's administrators publish new versions.
 */
@RestController
@RequestMapping("/api/notification/templates")
class TemplateController {

    /** A type with its placeholders (and sample values) and the current version in each language. */
    record TypeSummary(NotificationType type, Map<String, String> placeholders, Map<String, Integer> current) {
    }

    record TemplateForm(@NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 5000) String body) {
    }

    /**
     * What to preview: a draft subject and body (or the version given, or the current one) filled with the values
     * given, and each placeholder's sample for the rest.
     */
    record PreviewForm(@Size(max = 200) String subject, @Size(max = 5000) String body, Integer version,
            Map<String, String> values) {
    }

    record Preview(NotificationType type, String language, Integer version, String subject, String body) {
    }

    private final Templates templates;
    private final UnitAccess access;
    private final AuditTrail audit;

    TemplateController(Templates templates, UnitAccess access, AuditTrail audit) {
        this.templates = templates;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR})
    List<TypeSummary> list() {
        List<TypeSummary> types = new ArrayList<>();
        templates.heads().forEach((type, current) -> types.add(new TypeSummary(type, type.samples(), current)));
        return types;
    }

    /** Every version of one template, newest (current) first. */
    @GetMapping("/{type}/{language}")
    @Allow({Role.ADMIN, Role.COORDINATOR})
    List<Template> versions(@PathVariable NotificationType type, @PathVariable String language) {
        Templates.requireLanguage(language);
        return templates.versions(type, language);
    }

    /**
     * Stores a new version and makes it current. Messages already scheduled keep the version they were made with.
     * Templates are province-wide (every unit's messages are written with them), so only an administrator of a top
     * unit (a province) publishes one; others get 403 {@code admin-top-unit-only}.
     */
    @PutMapping("/{type}/{language}")
    @ResponseStatus(HttpStatus.CREATED)
    @Allow(Role.ADMIN)
    Template save(@PathVariable NotificationType type, @PathVariable String language,
            @Valid @RequestBody TemplateForm form) {
        access.requireTopUnit("templates/" + type + "/" + language);
        Template saved = templates.save(type, language, form.subject(), form.body(), access.caller().username());
        audit.record("template.saved", "OK", saved.id(), Map.of("version", saved.version()));
        return saved;
    }

    @PostMapping("/{type}/{language}/preview")
    @Allow({Role.ADMIN, Role.COORDINATOR})
    Preview preview(@PathVariable NotificationType type, @PathVariable String language,
            @Valid @RequestBody PreviewForm form) {
        Templates.requireLanguage(language);
        Map<String, String> values = new LinkedHashMap<>(type.samples());
        if (form.values() != null) {
            values.putAll(form.values());
        }
        if (form.subject() != null || form.body() != null) {
            Template draft = new Template(null, type, language, 0,
                    form.subject() != null ? form.subject() : templates.get(type, language,
                            templates.current(type, language)).subject(),
                    form.body() != null ? form.body() : templates.get(type, language,
                            templates.current(type, language)).body(), null, null);
            Templates.validate(type, draft.subject(), draft.body());
            Templates.Rendered r = Templates.render(draft, values);
            return new Preview(type, language, null, r.subject(), r.body());
        }
        int version = form.version() != null ? form.version() : templates.current(type, language);
        Templates.Rendered r = templates.render(type, language, version, values);
        return new Preview(type, language, version, r.subject(), r.body());
    }
}

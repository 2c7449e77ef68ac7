package vn.dvk.registration.unit;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.Paging;
import vn.dvk.registration.Limits;

/**
 * Organisations under a unit and the mass-mobilisation block of a commune: kept by the unit's officers and
 * coordinators (or those above them), seen by everyone inside the unit's subtree or above it.
 */
@RestController
@RequestMapping("/api/registration")
class OrganisationController {

    private final UnitDirectory directory;
    private final UnitAccess access;
    private final MessageSource messages;

    OrganisationController(UnitDirectory directory, UnitAccess access, MessageSource messages) {
        this.directory = directory;
        this.access = access;
        this.messages = messages;
    }

    record OrganisationForm(@NotNull OrganisationKind kind, @NotBlank @Size(max = Limits.NAME) String name) {
    }

    record OrganisationView(String id, String unitCode, OrganisationKind kind, String name, boolean active,
            String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, Long version) {

        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id(), o.unitCode(), o.kind(), o.name(), o.active(), o.createdBy(),
                    o.createdAt(), o.updatedBy(), o.updatedAt(), o.version());
        }
    }

    record BlockForm(@Size(max = Limits.NAME) String name,
            @NotNull @Size(max = Limits.BLOCK_MEMBERS) List<Block.@NotNull @Valid Member> members) {
    }

    /** A departure from the usual composition, explained in the caller's language. */
    record Warning(String code, String message) {
    }

    record BlockView(String id, String unitCode, String name, List<Block.Member> members, List<Warning> warnings,
            List<Block.Composition> history, Long version) {
    }

    @PostMapping("/units/{code}/organisations")
    @Allow({Role.COORDINATOR, Role.UNIT_OFFICER})
    ResponseEntity<OrganisationView> register(@PathVariable String code,
            @Valid @RequestBody OrganisationForm form) {
        access.requireCovers(Limits.knownUnit(code), "organisations");
        Organisation o = directory.register(code, form.kind(), form.name(), access.caller().username());
        return ResponseEntity.created(URI.create("/api/registration/organisations/" + o.id()))
                .body(OrganisationView.of(o));
    }

    /**
     * The organisations of a unit in Vietnamese alphabetical order; filters {@code kind}, {@code q} (words of the
     * name, whatever the accents) and {@code retired=true} to include retired ones.
     */
    @GetMapping("/units/{code}/organisations")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<OrganisationView> list(@PathVariable String code, @RequestParam(required = false) OrganisationKind kind,
            @RequestParam(required = false) @Size(max = Limits.QUERY) String q,
            @RequestParam(defaultValue = "false") boolean retired,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        access.requireCovers(Limits.knownUnit(code), "organisations");
        return directory.organisationsOf(code, kind, q, retired, Paging.of(page, size, Sort.by("sortKey", "_id")))
                .map(OrganisationView::of);
    }

    @GetMapping("/organisations/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    OrganisationView get(@PathVariable String id) {
        return OrganisationView.of(visible(id));
    }

    @PutMapping("/organisations/{id}")
    @Allow({Role.COORDINATOR, Role.UNIT_OFFICER})
    OrganisationView update(@PathVariable String id, @Valid @RequestBody OrganisationForm form) {
        return OrganisationView.of(directory.update(visible(id), form.kind(), form.name(),
                access.caller().username()));
    }

    /** Retires an organisation: it owns no new models, and the models it owned keep it as their owner. */
    @PostMapping("/organisations/{id}/retire")
    @Allow({Role.COORDINATOR, Role.UNIT_OFFICER})
    OrganisationView retire(@PathVariable String id) {
        return OrganisationView.of(directory.retire(visible(id), access.caller().username()));
    }

    @GetMapping("/units/{code}/block")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    BlockView block(@PathVariable String code) {
        access.requireCovers(Limits.knownUnit(code), "block");
        return view(directory.blockOf(code).orElseThrow(() -> DomainException.notFound("block-not-found", code)));
    }

    /**
     * Sets the whole composition of a commune's block (members without an id are new). A composition outside the
     * usual one is saved and answered with warnings.
     */
    @PutMapping("/units/{code}/block")
    @Allow({Role.COORDINATOR, Role.UNIT_OFFICER})
    BlockView compose(@PathVariable String code, @Valid @RequestBody BlockForm form) {
        access.requireCovers(Limits.knownUnit(code), "block");
        return view(directory.compose(code, form.name(), form.members(), access.caller().username()));
    }

    private Organisation visible(String id) {
        return access.visible(directory.organisation(id), Organisation::unitCode, "organisation/" + id,
                () -> DomainException.notFound("organisation-not-found", id));
    }

    private BlockView view(Block block) {
        List<Warning> warnings = block.warnings().stream().map(code -> new Warning(code, messages.getMessage(
                "warning." + code, new Object[] {Block.MIN_MEMBERS, Block.MAX_MEMBERS, block.members().size()},
                code, LocaleContextHolder.getLocale()))).toList();
        return new BlockView(block.id(), block.unitCode(), block.name(), block.members(), warnings, block.history(),
                block.version());
    }
}

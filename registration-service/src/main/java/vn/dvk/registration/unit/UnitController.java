package vn.dvk.registration.unit;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.web.Paging;
import vn.dvk.registration.Limits;
import vn.dvk.registration.registration.TitleKey;
import vn.dvk.kit.text.VietnameseOrder;
import vn.dvk.units.UnitCatalog;

/**
 * The official catalog of administrative units (2025): public reference data for everyone signed in, so that forms
 * can offer units by name. Lists are in Vietnamese alphabetical order; {@code q} finds names whatever their accents.
 */
@RestController
@RequestMapping("/api/registration/units")
class UnitController {

    private final UnitCatalog catalog = UnitCatalog.official2025();

    /** A unit with the units above it and how many are below it. */
    record UnitView(String code, String name, String type, String parentCode, List<UnitCatalog.Unit> path,
            int children) {
    }

    @GetMapping("/{code}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    UnitView get(@PathVariable String code) {
        UnitCatalog.Unit unit = catalog.find(code).orElseThrow(() -> DomainException.notFound("unit-not-found", code));
        List<UnitCatalog.Unit> path = catalog.pathOf(code).stream().map(c -> catalog.find(c).orElseThrow()).toList();
        return new UnitView(unit.code(), unit.name(), unit.type(), unit.parentCode(), path,
                catalog.childrenOf(code).size());
    }

    /**
     * The provinces, or the units of {@code parent}; with {@code q}, the units anywhere (or under {@code parent})
     * whose name has words starting with the query's words, in any order.
     */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<UnitCatalog.Unit> list(@RequestParam(required = false) String parent,
            @RequestParam(required = false) @Size(max = Limits.QUERY) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        List<UnitCatalog.Unit> candidates;
        String words = q == null ? "" : TitleKey.of(q);
        if (parent != null) {
            candidates = catalog.childrenOf(Limits.knownUnit(parent));
        } else if (!words.isEmpty()) {
            candidates = catalog.provinces().stream()
                    .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p),
                            catalog.childrenOf(p.code()).stream())).toList();
        } else {
            candidates = catalog.provinces();
        }
        List<UnitCatalog.Unit> found = candidates.stream()
                .filter(u -> words.isEmpty() || matches(TitleKey.of(u.name()), words))
                .sorted(Comparator.comparing((UnitCatalog.Unit u) -> VietnameseOrder.sortKey(u.name()))
                        .thenComparing(UnitCatalog.Unit::code))
                .toList();
        PageRequest request = Paging.of(page, size, Sort.unsorted());
        int from = (int) Math.min(request.getOffset(), found.size());
        int to = Math.min(from + request.getPageSize(), found.size());
        return new PageImpl<>(found.subList(from, to), request, found.size());
    }

    private static boolean matches(String name, String words) {
        List<String> nameWords = Arrays.asList(name.split(" "));
        return Arrays.stream(words.split(" ")).allMatch(w -> nameWords.stream().anyMatch(n -> n.startsWith(w)));
    }
}

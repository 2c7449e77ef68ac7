package vn.dvk.registration.unit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.web.Paging;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.sheet.Sheets;

/**
 * The catalog before 1 July 2025 (province → district → commune): imported by an administrator from the statistics
 * office's list, read by everyone signed in, and linked both ways to the 2025 units through the official mapping.
 */
@RestController
@RequestMapping("/api/registration/units")
class HistoricalUnitController {

    private final HistoricalCatalog history;
    private final UnitAccess access;

    HistoricalUnitController(HistoricalCatalog history, UnitAccess access) {
        this.history = history;
        this.access = access;
    }

    /**
     * Imports old units from an .xlsx or CSV file with the columns Mã tỉnh, Tên tỉnh, Mã huyện, Tên huyện, Mã xã,
     * Tên xã (header row first); answers what was stored, which communes the mapping does not know, and the rows
     * refused with their reasons. Importing the same file again changes nothing.
     */
    @PostMapping(path = "/historical-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Allow(Role.ADMIN)
    HistoricalCatalog.Result importFile(@RequestPart("file") MultipartFile file) throws IOException {
        return history.importRows(Sheets.read(file), file.getOriginalFilename(), access.caller().unitCode(),
                access.caller().username());
    }

    /** An import of the old catalog as the API shows it. */
    record ImportView(String id, String fileName, List<String> provinceCodes, int rows, int districts, int communes,
            int rejected, String importedBy, java.time.Instant importedAt) {

        static ImportView of(HistoricalImport i) {
            return new ImportView(i.id(), i.fileName(), i.provinceCodes(), i.rows(), i.districts(), i.communes(),
                    i.rejected(), i.importedBy(), i.importedAt());
        }
    }

    /** The imports of the old catalog on record, newest first: file, old provinces, counts, who and when. */
    @GetMapping("/historical-imports")
    @Allow(Role.ADMIN)
    Page<ImportView> imports(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return history.imports(access.caller().unitCode(), Paging.of(page, size, Sort.unsorted()))
                .map(ImportView::of);
    }

    /**
     * The old provinces, or with {@code parent} the districts of an old province or the communes of an old district,
     * each with the 2025 units it went into, in Vietnamese alphabetical order.
     */
    @GetMapping("/historical")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<HistoricalUnit> historicalChildren(@RequestParam(required = false) String parent) {
        return history.childrenOf(parent);
    }

    /**
     * An old unit with the 2025 units it went into; {@code level} says which, when codes of two levels could be
     * meant (by default: two digits a province, three a district, five a commune).
     */
    @GetMapping("/historical/{code}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    HistoricalUnit historical(@PathVariable String code, @RequestParam(required = false) HistoricalUnit.Level level) {
        HistoricalUnit.Level asked = level != null ? level : HistoricalUnit.levelOfCode(code);
        return Optional.ofNullable(asked).flatMap(l -> history.find(l, code))
                .orElseThrow(() -> DomainException.notFound("historical-unit-not-found", code));
    }

    /** The old units that went into a 2025 province or commune, wholly or in part, with their old district. */
    @GetMapping("/{code}/predecessors")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<HistoricalCatalog.Predecessor> predecessors(@PathVariable String code) {
        return history.predecessorsOf(code);
    }
}

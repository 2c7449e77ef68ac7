package vn.dvk.registration.unit;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A unit of the catalog before 1 July 2025 (province → district → commune), as imported from the statistics
 * office's list, with the 2025 units it went into. The id carries the level, because old codes of different levels
 * (and old and new commune codes) overlap: {@code P01}, {@code D001}, {@code C00016}.
 *
 * @param parentCode the province of a district, the district of a commune
 * @param successors the 2025 units it went into: for a commune from the official mapping; for a district, those of
 *                   its communes; for a province, the mapping's
 */
@Document("historical_units")
record HistoricalUnit(@Id String id, Level level, String code, String name, String parentCode, String provinceCode,
        List<Successor> successors, String importedBy, Instant importedAt) {

    enum Level { PROVINCE, DISTRICT, COMMUNE }

    /** A 2025 unit, and whether the whole old unit went into it. */
    record Successor(String code, String name, boolean full) {
    }

    /** The level an old code names by its length — 2 digits a province, 3 a district, 5 a commune — or null. */
    static Level levelOfCode(String code) {
        return switch (code == null ? 0 : code.length()) {
            case 2 -> Level.PROVINCE;
            case 3 -> Level.DISTRICT;
            case 5 -> Level.COMMUNE;
            default -> null;
        };
    }

    static String idOf(Level level, String code) {
        return level.name().charAt(0) + code;
    }

    static HistoricalUnit of(Level level, String code, String name, String parentCode, String provinceCode,
            List<Successor> successors, String importedBy, Instant importedAt) {
        return new HistoricalUnit(idOf(level, code), level, code, name, parentCode, provinceCode, successors,
                importedBy, importedAt);
    }

    HistoricalUnit withSuccessors(List<Successor> replaced) {
        return new HistoricalUnit(id, level, code, name, parentCode, provinceCode, replaced, importedBy, importedAt);
    }
}
